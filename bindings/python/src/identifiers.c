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

PyObject *gbo_py_check_national_number(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = { "number", "on", NULL };
    gbo_py_state *st = gbo_py_state_of_module(module);
    const char *text;
    PyObject *on = Py_None, *v[9];
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
            static const char *const parts[] = { "year", "month", "day" };
            int *into[] = { &day.year, &day.month, &day.day };
            for (int i = 0; i < 3; i++) {
                PyObject *part = PyObject_GetAttrString(on, parts[i]);
                long value = part ? PyLong_AsLong(part) : -1;
                Py_XDECREF(part);
                if (value == -1 && PyErr_Occurred())
                    return NULL;
                *into[i] = (int)value;
            }
        }
        r = gbo_national_number_check_on(text, day, &nn);
    }
    read = r != GBO_ID_MALFORMED;
    v[0] = PyUnicode_FromString(gbo_id_result_name(r));
    v[1] = v[0] ? PyUnicode_FromString(gbo_id_result_string(r)) : NULL;
    v[2] = !v[1] ? NULL : read ? PyUnicode_FromString(nn.digits) : Py_NewRef(Py_None);
    v[3] = v[2] ? int_or_none(nn.birth.year, read) : NULL;
    v[4] = v[3] ? int_or_none(nn.birth.month, read && nn.birth.month) : NULL;
    v[5] = v[4] ? int_or_none(nn.birth.day, read && nn.birth.day) : NULL;
    v[6] = PyBool_FromLong(read && nn.bis);
    v[7] = PyBool_FromLong(read && nn.sex_known);
    v[8] = v[5] ? int_or_none(nn.serial, read) : NULL;
    return gbo_py_struct_new(st->national_number_type, v, 9);
}

static PyObject *check(PyObject *module, PyObject *arg, gbo_id_result (*fn)(const char *, char *))
{
    gbo_py_state *st = gbo_py_state_of_module(module);
    char digits[11] = "";
    const char *text;
    gbo_id_result r;
    PyObject *v[3];
    if (!(text = gbo_py_utf8(st, arg, NULL)))
        return NULL;
    r = fn(text, digits);
    v[0] = PyUnicode_FromString(gbo_id_result_name(r));
    v[1] = v[0] ? PyUnicode_FromString(gbo_id_result_string(r)) : NULL;
    v[2] = !v[1] ? NULL : digits[0] ? PyUnicode_FromString(digits) : Py_NewRef(Py_None);
    return gbo_py_struct_new(st->identifier_check_type, v, 3);
}

PyObject *gbo_py_check_enterprise_number(PyObject *module, PyObject *arg)
{
    return check(module, arg, gbo_enterprise_number_check);
}

PyObject *gbo_py_check_establishment_number(PyObject *module, PyObject *arg)
{
    return check(module, arg, gbo_establishment_number_check);
}
