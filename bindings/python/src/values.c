/* gbo._gbo: field values between libgbo's canonical text and Python.
 *
 *   TEXT, CODE, UUID, LANGUAGE, DIGITS   str
 *   TIME         datetime.datetime, aware; read back in UTC (microseconds:
 *                digits beyond them are not representable and are dropped)
 *   DATE         datetime.date (not a datetime)
 *   BIRTH_DATE   gbo.BirthDate (year-only or full); a date is accepted
 *   BOOL         bool
 *   COUNT        int (not a bool)
 *
 * Whether a value has its field's form is libgbo's to say: the text goes to
 * gbo_entity_set(), and its refusal becomes gbo.InvalidValueError. */
#include "gbo_module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *status_name(gbo_status status)
{
    switch (status) {
    case GBO_E_INVALID_UTF8:
        return "invalid-utf8";
    case GBO_E_INVALID_VALUE:
        return "invalid-value";
    case GBO_E_TOO_LONG:
        return "too-long";
    case GBO_E_INVALID_ARG:
        return "invalid-argument";
    default:
        return "error";
    }
}

static PyObject *raise_invalid(gbo_py_state *st, const char *status, const char *message, PyObject *name)
{
    PyObject *exc = PyObject_CallFunction(st->invalid_value_error, "s", message);
    if (exc) {
        PyObject *status_obj = PyUnicode_FromString(status);
        if (!status_obj || PyObject_SetAttrString(exc, "field", name ? name : Py_None) < 0 ||
            PyObject_SetAttrString(exc, "status", status_obj) < 0)
            Py_CLEAR(exc);
        Py_XDECREF(status_obj);
    }
    if (exc) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return NULL;
}

PyObject *gbo_py_raise_invalid(gbo_py_state *st, const gbo_error *err, PyObject *name)
{
    if (err->status == GBO_E_NOMEM)
        return PyErr_NoMemory();
    return raise_invalid(st, status_name(err->status), err->message, name);
}

const char *gbo_py_utf8(gbo_py_state *st, PyObject *text, PyObject *name)
{
    const char *utf8;
    Py_ssize_t len;
    if (!PyUnicode_Check(text)) {
        if (name)
            PyErr_Format(PyExc_TypeError, "%S must be a str, not %.100s", name, Py_TYPE(text)->tp_name);
        else
            PyErr_Format(PyExc_TypeError, "expected a str, not %.100s", Py_TYPE(text)->tp_name);
        return NULL;
    }
    if (!(utf8 = PyUnicode_AsUTF8AndSize(text, &len)))
        return NULL; /* a lone surrogate: UnicodeEncodeError, a ValueError */
    if (strlen(utf8) != (size_t)len) {
        raise_invalid(st, "invalid-utf8", "a value cannot hold a NUL character", name);
        return NULL;
    }
    return utf8;
}

/* "YYYY-MM-DDTHH:MM:SS[.fraction]Z", the canonical form of a TIME. */
static PyObject *time_from_text(gbo_py_state *st, const char *text)
{
    int y, mo, d, h, mi, s, n = 0;
    long micro = 0;
    if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || n == 0) {
        PyErr_SetString(PyExc_RuntimeError, "libgbo stored a time in an unexpected form");
        return NULL;
    }
    if (text[n] == '.') {
        const char *p = text + n + 1;
        for (int digits = 0; digits < 6; digits++) {
            micro *= 10;
            if (*p >= '0' && *p <= '9')
                micro += *p++ - '0';
        }
    }
    return PyObject_CallFunction(st->datetime_type, "iiiiiilO", y, mo, d, h, mi, s, micro, st->utc);
}

static PyObject *birth_date_from_text(gbo_py_state *st, const char *text)
{
    gbo_date date;
    if (gbo_date_parse(text, &date, NULL) == GBO_OK)
        return PyObject_CallFunction(st->birth_date_type, "iii", date.year, date.month, date.day);
    return PyObject_CallFunction(st->birth_date_type, "i", atoi(text)); /* YYYY */
}

PyObject *gbo_py_value_from_text(gbo_py_state *st, gbo_field field, const char *text)
{
    gbo_date date;
    switch (gbo_field_type(field)) {
    case GBO_TYPE_BOOL:
        return PyBool_FromLong(strcmp(text, "true") == 0);
    case GBO_TYPE_COUNT:
        return PyLong_FromString(text, NULL, 10);
    case GBO_TYPE_DATE:
        if (gbo_date_parse(text, &date, NULL) != GBO_OK) {
            PyErr_SetString(PyExc_RuntimeError, "libgbo stored a date in an unexpected form");
            return NULL;
        }
        return PyObject_CallFunction(st->date_type, "iii", date.year, date.month, date.day);
    case GBO_TYPE_BIRTH_DATE:
        return birth_date_from_text(st, text);
    case GBO_TYPE_TIME:
        return time_from_text(st, text);
    default:
        return PyUnicode_FromString(text);
    }
}

static PyObject *wrong_type(PyObject *name, const char *expected, PyObject *value)
{
    PyErr_Format(PyExc_TypeError, "%S must be %s, not %.100s", name, expected, Py_TYPE(value)->tp_name);
    return NULL;
}

/* An aware datetime's ISO 8601 text, in UTC (as libgbo stores it: any
 * offset the datetime has, with seconds or beyond ±14:59, is taken). */
static PyObject *time_to_text(gbo_py_state *st, PyObject *value, PyObject *name)
{
    PyObject *offset, *utc, *text;
    int is = PyObject_IsInstance(value, st->datetime_type);
    if (is <= 0)
        return is < 0 ? NULL : wrong_type(name, "an aware datetime.datetime", value);
    if (!(offset = PyObject_CallMethod(value, "utcoffset", NULL)))
        return NULL;
    Py_DECREF(offset);
    if (offset == Py_None)
        return raise_invalid(st, "invalid-value",
                             "a naive datetime has no offset: give it a tzinfo (datetime.timezone.utc)", name);
    if (!(utc = PyObject_CallMethod(value, "astimezone", "O", st->utc)))
        return NULL;
    text = PyObject_CallMethod(utc, "isoformat", NULL);
    Py_DECREF(utc);
    return text;
}

/* A date that is not a datetime: its YYYY-MM-DD. NULL without an exception
 * when `value` is no date. */
static PyObject *date_to_text(gbo_py_state *st, PyObject *value)
{
    int is_date = PyObject_IsInstance(value, st->date_type), is_datetime;
    if (is_date <= 0)
        return NULL;
    if ((is_datetime = PyObject_IsInstance(value, st->datetime_type)) != 0)
        return NULL;
    return PyObject_CallMethod(value, "isoformat", NULL);
}

PyObject *gbo_py_value_to_text(gbo_py_state *st, gbo_field field, PyObject *value, PyObject *name)
{
    PyObject *text;
    int is;
    switch (gbo_field_type(field)) {
    case GBO_TYPE_BOOL:
        if (!PyBool_Check(value))
            return wrong_type(name, "a bool", value);
        return PyUnicode_FromString(value == Py_True ? "true" : "false");
    case GBO_TYPE_COUNT:
        if (!PyLong_Check(value) || PyBool_Check(value))
            return wrong_type(name, "an int", value);
        return PyNumber_ToBase(value, 10); /* not str(): a subclass may redefine it */
    case GBO_TYPE_DATE:
        if ((text = date_to_text(st, value)) || PyErr_Occurred())
            return text;
        return wrong_type(name, "a datetime.date (not a datetime)", value);
    case GBO_TYPE_BIRTH_DATE:
        if ((is = PyObject_IsInstance(value, st->birth_date_type)) > 0)
            return PyObject_Str(value);
        if (is < 0 || (text = date_to_text(st, value)) || PyErr_Occurred())
            return is < 0 ? NULL : text;
        return wrong_type(name, "a gbo.BirthDate or a datetime.date", value);
    case GBO_TYPE_TIME:
        return time_to_text(st, value, name);
    default:
        if (!PyUnicode_Check(value))
            return wrong_type(name, "a str", value);
        return Py_NewRef(value);
    }
}

int gbo_py_time(gbo_py_state *st, PyObject *value, const char *name, gbo_time *out)
{
    PyObject *name_obj = PyUnicode_FromString(name), *text;
    gbo_error err;
    int rc = -1;
    if (!name_obj)
        return -1;
    if ((text = gbo_py_value_to_text(st, GBO_EXCHANGE_CREATED_AT, value, name_obj))) {
        const char *utf8 = gbo_py_utf8(st, text, name_obj); /* a subclass's isoformat() may give anything */
        if (utf8 && gbo_time_parse(utf8, out, &err) == GBO_OK)
            rc = 0;
        else if (utf8)
            gbo_py_raise_invalid(st, &err, name_obj);
        Py_DECREF(text);
    }
    Py_DECREF(name_obj);
    return rc;
}
