/* gbo._gbo: the identifier checks of <gbo/ids.h> — national number,
 * enterprise number, establishment-unit number — as gbo.IdentifierCheck and
 * gbo.NationalNumber (struct sequences). A check reports; it never raises
 * for a wrong number. */
#include "gbo_module.h"

static PyStructSequence_Field check_fields[] = {
    { "result", "\"valid\", or what is wrong: \"malformed\", \"check-digits\", \"wrong-prefix\", ..." },
    { "message", "The result in English." },
    { "digits", "The number's digits when they could be read, else None." },
    { NULL, NULL }
};

PyStructSequence_Desc gbo_py_identifier_check_desc = {
    "gbo.IdentifierCheck", "The check of an enterprise or establishment-unit number: (result, message, digits).",
    check_fields, 3
};

static PyStructSequence_Field national_fields[] = {
    { "result", "\"valid\", or what is wrong: \"malformed\", \"check-digits\", \"impossible-date\", \"future-birth\"." },
    { "message", "The result in English." },
    { "digits", "The 11 digits when they could be read, else None." },
    { "birth_year", "The full birth year (None when the digits could not be read)." },
    { "birth_month", "The birth month, None when unknown." },
    { "birth_day", "The birth day, None when unknown." },
    { "bis", "A BIS number (month + 20 or + 40)." },
    { "sex_known", "A BIS number registered with the sex known (month + 40)." },
    { "serial", "The 3-digit sequence number." },
    { NULL, NULL }
};

PyStructSequence_Desc gbo_py_national_number_desc = {
    "gbo.NationalNumber", "The check of a national (or BIS) number and what its digits say.", national_fields, 9
};

static PyObject *int_or_none(int value, bool known)
{
    return known ? PyLong_FromLong(value) : Py_NewRef(Py_None);
}

static PyObject *filled(PyObject *result)
{
    Py_ssize_t n = Py_SIZE(result);
    for (Py_ssize_t i = 0; i < n; i++)
        if (!PyStructSequence_GET_ITEM(result, i)) {
            Py_DECREF(result);
            return NULL;
        }
    return result;
}

PyObject *gbo_py_check_national_number(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "number", "on", NULL };
    gbo_py_state *st = gbo_py_state_of_module(module);
    const char *text;
    PyObject *on = Py_None, *result;
    gbo_national_number nn;
    gbo_id_result r;
    bool read;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|$O:check_national_number", keywords, &text, &on))
        return NULL;
    if (on == Py_None)
        r = gbo_national_number_check(text, &nn);
    else {
        int is_date = PyObject_IsInstance(on, st->date_type), is_datetime;
        gbo_date day;
        if (is_date < 0 || (is_datetime = PyObject_IsInstance(on, st->datetime_type)) < 0)
            return NULL;
        if (!is_date || is_datetime) {
            PyErr_Format(PyExc_TypeError, "on must be a datetime.date, not %.100s", Py_TYPE(on)->tp_name);
            return NULL;
        }
        {
            PyObject *y = PyObject_GetAttrString(on, "year"), *m = PyObject_GetAttrString(on, "month"),
                     *d = PyObject_GetAttrString(on, "day");
            day.year = y ? (int)PyLong_AsLong(y) : 0;
            day.month = m ? (int)PyLong_AsLong(m) : 0;
            day.day = d ? (int)PyLong_AsLong(d) : 0;
            Py_XDECREF(y);
            Py_XDECREF(m);
            Py_XDECREF(d);
            if (PyErr_Occurred())
                return NULL;
        }
        r = gbo_national_number_check_on(text, day, &nn);
    }
    read = r != GBO_ID_MALFORMED;
    if (!(result = PyStructSequence_New(st->national_number_type)))
        return NULL;
    PyStructSequence_SET_ITEM(result, 0, PyUnicode_FromString(gbo_id_result_name(r)));
    PyStructSequence_SET_ITEM(result, 1, PyUnicode_FromString(gbo_id_result_string(r)));
    PyStructSequence_SET_ITEM(result, 2, read ? PyUnicode_FromString(nn.digits) : Py_NewRef(Py_None));
    PyStructSequence_SET_ITEM(result, 3, int_or_none(nn.birth.year, read));
    PyStructSequence_SET_ITEM(result, 4, int_or_none(nn.birth.month, read && nn.birth.month));
    PyStructSequence_SET_ITEM(result, 5, int_or_none(nn.birth.day, read && nn.birth.day));
    PyStructSequence_SET_ITEM(result, 6, PyBool_FromLong(read && nn.bis));
    PyStructSequence_SET_ITEM(result, 7, PyBool_FromLong(read && nn.sex_known));
    PyStructSequence_SET_ITEM(result, 8, int_or_none(nn.serial, read));
    return filled(result);
}

static PyObject *check(PyObject *module, PyObject *arg, gbo_id_result (*fn)(const char *, char *))
{
    gbo_py_state *st = gbo_py_state_of_module(module);
    char digits[11] = "";
    const char *text;
    gbo_id_result r;
    PyObject *result;
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "a number is a str, not %.100s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    if (!(text = PyUnicode_AsUTF8(arg)))
        return NULL;
    r = fn(text, digits);
    if (!(result = PyStructSequence_New(st->identifier_check_type)))
        return NULL;
    PyStructSequence_SET_ITEM(result, 0, PyUnicode_FromString(gbo_id_result_name(r)));
    PyStructSequence_SET_ITEM(result, 1, PyUnicode_FromString(gbo_id_result_string(r)));
    PyStructSequence_SET_ITEM(result, 2, digits[0] ? PyUnicode_FromString(digits) : Py_NewRef(Py_None));
    return filled(result);
}

PyObject *gbo_py_check_enterprise_number(PyObject *module, PyObject *arg)
{
    return check(module, arg, gbo_enterprise_number_check);
}

PyObject *gbo_py_check_establishment_number(PyObject *module, PyObject *arg)
{
    return check(module, arg, gbo_establishment_number_check);
}
