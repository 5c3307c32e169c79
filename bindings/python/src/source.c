/* gbo._gbo: what a document comes from — a path, bytes-like data or a binary
 * file object — and reading a file object with the GIL released. */
#include "gbo_module.h"

#include <errno.h>
#include <string.h>

int gbo_py_source_init(gbo_py_source *src, PyObject *obj)
{
    memset(src, 0, sizeof *src);
    if (PyObject_CheckBuffer(obj)) { /* bytes, bytearray, memoryview: the document itself */
        if (PyObject_GetBuffer(obj, &src->view, PyBUF_SIMPLE) < 0) {
            if (PyErr_ExceptionMatches(PyExc_BufferError)) {
                PyErr_Clear();
                PyErr_SetString(PyExc_TypeError, "a source buffer must be contiguous bytes");
            }
            return 0;
        }
        src->kind = GBO_PY_BUFFER;
        return 1;
    }
    if (PyUnicode_Check(obj) || PyObject_HasAttrString(obj, "__fspath__")) {
        PyObject *fs = PyOS_FSPath(obj);
        if (!fs)
            return 0;
        if (!PyUnicode_FSConverter(fs, &src->path)) {
            Py_DECREF(fs);
            return 0;
        }
        if (PyUnicode_Check(fs))
            src->name = fs;
        else {
            src->name = PyUnicode_DecodeFSDefault(PyBytes_AS_STRING(src->path));
            Py_DECREF(fs);
            if (!src->name) {
                Py_CLEAR(src->path);
                return 0;
            }
        }
        src->kind = GBO_PY_PATH;
        return 1;
    }
    if (PyObject_HasAttrString(obj, "readinto") || PyObject_HasAttrString(obj, "read")) {
        src->file = Py_NewRef(obj);
        src->kind = GBO_PY_FILE;
        return 1;
    }
    PyErr_Format(PyExc_TypeError, "a source is a path, bytes-like data or a binary file object, not %.100s",
                 Py_TYPE(obj)->tp_name);
    return 0;
}

void gbo_py_source_clear(gbo_py_source *src)
{
    if (src->kind == GBO_PY_BUFFER && src->view.obj)
        PyBuffer_Release(&src->view);
    Py_CLEAR(src->path);
    Py_CLEAR(src->name);
    Py_CLEAR(src->file);
}

void gbo_py_unlock(gbo_py_unlocked *u)
{
    u->tstate = PyEval_SaveThread();
}

void gbo_py_relock(gbo_py_unlocked *u)
{
    PyEval_RestoreThread(u->tstate);
}

void gbo_py_keep_error(gbo_py_unlocked *u)
{
    if (!u->exc_type)
        PyErr_Fetch(&u->exc_type, &u->exc_value, &u->exc_tb);
    else
        PyErr_Clear();
}

int gbo_py_restore_error(gbo_py_unlocked *u)
{
    if (!u->exc_type)
        return 0;
    PyErr_Restore(u->exc_type, u->exc_value, u->exc_tb);
    u->exc_type = u->exc_value = u->exc_tb = NULL;
    return 1;
}

/* read(size) for file objects without readinto: bytes only. */
static Py_ssize_t read_into(PyObject *file, char *buffer, Py_ssize_t size)
{
    PyObject *data = PyObject_CallMethod(file, "read", "n", size);
    Py_ssize_t n = -1;
    if (!data)
        return -1;
    if (!PyBytes_Check(data))
        PyErr_Format(PyExc_TypeError, "a source file object must be opened in binary mode (read() gave %.100s)",
                     Py_TYPE(data)->tp_name);
    else if ((n = PyBytes_GET_SIZE(data)) > size) {
        PyErr_SetString(PyExc_ValueError, "a source file object's read() gave more than was asked for");
        n = -1;
    } else
        memcpy(buffer, PyBytes_AS_STRING(data), (size_t)n);
    Py_DECREF(data);
    return n;
}

/* readinto() fills a bytearray of Python's own, copied to the library's
 * buffer after: the file object may keep what it was given. */
static Py_ssize_t readinto(PyObject *file, char *buffer, Py_ssize_t size)
{
    PyObject *chunk = PyByteArray_FromStringAndSize(NULL, size), *got;
    Py_ssize_t n = -1;
    if (!chunk)
        return -1;
    if (!(got = PyObject_CallMethod(file, "readinto", "O", chunk))) {
        Py_DECREF(chunk);
        return -1;
    }
    if (got == Py_None)
        PyErr_SetString(PyExc_BlockingIOError, "a source file object gave no data (non-blocking?)");
    else if ((n = PyLong_AsSsize_t(got)) > size || (n < 0 && !PyErr_Occurred())) {
        PyErr_SetString(PyExc_ValueError, "a source file object's readinto() gave an impossible count");
        n = -1;
    } else if (n > 0) {
        if (PyByteArray_GET_SIZE(chunk) < n) { /* it shrank the bytearray */
            PyErr_SetString(PyExc_ValueError, "a source file object's readinto() resized its buffer");
            n = -1;
        } else
            memcpy(buffer, PyByteArray_AS_STRING(chunk), (size_t)n);
    }
    Py_DECREF(got);
    Py_DECREF(chunk);
    return n;
}

ptrdiff_t gbo_py_read(void *arg, char *buffer, size_t size)
{
    gbo_py_reader *r = arg;
    Py_ssize_t n = -1, want = size > (size_t)PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX : (Py_ssize_t)size;
    gbo_py_relock(r->unlocked);
    if (!r->unlocked->exc_type) { /* after a failure, nothing more */
        if (PyObject_HasAttrString(r->file, "readinto"))
            n = readinto(r->file, buffer, want);
        else
            n = read_into(r->file, buffer, want);
        if (n < 0)
            gbo_py_keep_error(r->unlocked);
    }
    gbo_py_unlock(r->unlocked);
    if (n < 0)
        errno = EIO;
    return n;
}
