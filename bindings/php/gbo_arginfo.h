/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: a4b61fe484ce0fc4a4fc7237a028aaef57ae18f4 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Gbo_validate, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, xml, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_Gbo_validate_file, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_Gbo_parse, 0, 1, Gbo\\Exchange, 0)
	ZEND_ARG_TYPE_INFO(0, xml, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_Gbo_parse_file, 0, 1, Gbo\\Exchange, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Gbo_DocumentException_getRule, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Gbo_DocumentException_getDiagnostics, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Gbo_Diagnostic___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Gbo_Diagnostic___toString arginfo_class_Gbo_DocumentException_getRule

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Gbo_Limits___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxDocumentBytes, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxDepth, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxElements, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxTextBytes, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxAttributes, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxStartTagBytes, IS_LONG, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, maxNamespaces, IS_LONG, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Gbo_Validator___construct, 0, 0, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, lang, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, context, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, extensions, IS_ARRAY, 0, "[]")
	ZEND_ARG_OBJ_INFO_WITH_DEFAULT_VALUE(0, limits, Gbo\\Limits, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Gbo_Validator_validateString, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, xml, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Gbo_Validator_validateFile, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Gbo_Validator_validateFiles, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, paths, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Gbo_Validator_getLang arginfo_class_Gbo_DocumentException_getRule

#define arginfo_class_Gbo_Exchange___construct arginfo_class_Gbo_Diagnostic___construct

#define arginfo_class_Gbo_Exchange_fromString arginfo_Gbo_parse

#define arginfo_class_Gbo_Exchange_fromFile arginfo_Gbo_parse_file

#define arginfo_class_Gbo_Exchange_toXml arginfo_class_Gbo_DocumentException_getRule


ZEND_FUNCTION(Gbo_validate);
ZEND_FUNCTION(Gbo_validate_file);
ZEND_FUNCTION(Gbo_parse);
ZEND_FUNCTION(Gbo_parse_file);
ZEND_METHOD(Gbo_DocumentException, getRule);
ZEND_METHOD(Gbo_DocumentException, getDiagnostics);
ZEND_METHOD(Gbo_Diagnostic, __construct);
ZEND_METHOD(Gbo_Diagnostic, __toString);
ZEND_METHOD(Gbo_Limits, __construct);
ZEND_METHOD(Gbo_Validator, __construct);
ZEND_METHOD(Gbo_Validator, validateString);
ZEND_METHOD(Gbo_Validator, validateFile);
ZEND_METHOD(Gbo_Validator, validateFiles);
ZEND_METHOD(Gbo_Validator, getLang);
ZEND_METHOD(Gbo_Exchange, __construct);
ZEND_METHOD(Gbo_Exchange, fromString);
ZEND_METHOD(Gbo_Exchange, fromFile);
ZEND_METHOD(Gbo_Exchange, toXml);


static const zend_function_entry ext_functions[] = {
	ZEND_NS_FALIAS("Gbo", validate, Gbo_validate, arginfo_Gbo_validate)
	ZEND_NS_FALIAS("Gbo", validate_file, Gbo_validate_file, arginfo_Gbo_validate_file)
	ZEND_NS_FALIAS("Gbo", parse, Gbo_parse, arginfo_Gbo_parse)
	ZEND_NS_FALIAS("Gbo", parse_file, Gbo_parse_file, arginfo_Gbo_parse_file)
	ZEND_FE_END
};


static const zend_function_entry class_Gbo_Exception_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Gbo_DocumentException_methods[] = {
	ZEND_ME(Gbo_DocumentException, getRule, arginfo_class_Gbo_DocumentException_getRule, ZEND_ACC_PUBLIC)
	ZEND_ME(Gbo_DocumentException, getDiagnostics, arginfo_class_Gbo_DocumentException_getDiagnostics, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Gbo_Diagnostic_methods[] = {
	ZEND_ME(Gbo_Diagnostic, __construct, arginfo_class_Gbo_Diagnostic___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Gbo_Diagnostic, __toString, arginfo_class_Gbo_Diagnostic___toString, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Gbo_Limits_methods[] = {
	ZEND_ME(Gbo_Limits, __construct, arginfo_class_Gbo_Limits___construct, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Gbo_Validator_methods[] = {
	ZEND_ME(Gbo_Validator, __construct, arginfo_class_Gbo_Validator___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Gbo_Validator, validateString, arginfo_class_Gbo_Validator_validateString, ZEND_ACC_PUBLIC)
	ZEND_ME(Gbo_Validator, validateFile, arginfo_class_Gbo_Validator_validateFile, ZEND_ACC_PUBLIC)
	ZEND_ME(Gbo_Validator, validateFiles, arginfo_class_Gbo_Validator_validateFiles, ZEND_ACC_PUBLIC)
	ZEND_ME(Gbo_Validator, getLang, arginfo_class_Gbo_Validator_getLang, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Gbo_Exchange_methods[] = {
	ZEND_ME(Gbo_Exchange, __construct, arginfo_class_Gbo_Exchange___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Gbo_Exchange, fromString, arginfo_class_Gbo_Exchange_fromString, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Gbo_Exchange, fromFile, arginfo_class_Gbo_Exchange_fromFile, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Gbo_Exchange, toXml, arginfo_class_Gbo_Exchange_toXml, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static void register_gbo_symbols(int module_number)
{
	REGISTER_STRING_CONSTANT("Gbo\\FORMAT_VERSION", GBO_FORMAT_VERSION, CONST_PERSISTENT);
	REGISTER_STRING_CONSTANT("Gbo\\VERSION", gbo_version(), CONST_PERSISTENT);
}

static zend_class_entry *register_class_Gbo_Exception(zend_class_entry *class_entry_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Gbo", "Exception", class_Gbo_Exception_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Exception);

	return class_entry;
}

static zend_class_entry *register_class_Gbo_DocumentException(zend_class_entry *class_entry_Gbo_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Gbo", "DocumentException", class_Gbo_DocumentException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Gbo_Exception);

	zval property_rule_default_value;
	ZVAL_EMPTY_STRING(&property_rule_default_value);
	zend_string *property_rule_name = zend_string_init("rule", sizeof("rule") - 1, 1);
	zend_declare_typed_property(class_entry, property_rule_name, &property_rule_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_rule_name);

	zval property_diagnostics_default_value;
	ZVAL_EMPTY_ARRAY(&property_diagnostics_default_value);
	zend_string *property_diagnostics_name = zend_string_init("diagnostics", sizeof("diagnostics") - 1, 1);
	zend_declare_typed_property(class_entry, property_diagnostics_name, &property_diagnostics_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_diagnostics_name);

	return class_entry;
}

static zend_class_entry *register_class_Gbo_Diagnostic(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Gbo", "Diagnostic", class_Gbo_Diagnostic_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_rule_default_value;
	ZVAL_UNDEF(&property_rule_default_value);
	zend_string *property_rule_name = zend_string_init("rule", sizeof("rule") - 1, 1);
	zend_declare_typed_property(class_entry, property_rule_name, &property_rule_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_rule_name);

	zval property_severity_default_value;
	ZVAL_UNDEF(&property_severity_default_value);
	zend_string *property_severity_name = zend_string_init("severity", sizeof("severity") - 1, 1);
	zend_declare_typed_property(class_entry, property_severity_name, &property_severity_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_severity_name);

	zval property_line_default_value;
	ZVAL_UNDEF(&property_line_default_value);
	zend_string *property_line_name = zend_string_init("line", sizeof("line") - 1, 1);
	zend_declare_typed_property(class_entry, property_line_name, &property_line_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_line_name);

	zval property_column_default_value;
	ZVAL_UNDEF(&property_column_default_value);
	zend_string *property_column_name = zend_string_init("column", sizeof("column") - 1, 1);
	zend_declare_typed_property(class_entry, property_column_name, &property_column_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_column_name);

	zval property_path_default_value;
	ZVAL_UNDEF(&property_path_default_value);
	zend_string *property_path_name = zend_string_init("path", sizeof("path") - 1, 1);
	zend_declare_typed_property(class_entry, property_path_name, &property_path_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_path_name);

	zval property_message_default_value;
	ZVAL_UNDEF(&property_message_default_value);
	zend_string *property_message_name = zend_string_init("message", sizeof("message") - 1, 1);
	zend_declare_typed_property(class_entry, property_message_name, &property_message_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_message_name);

	zval property_file_default_value;
	ZVAL_UNDEF(&property_file_default_value);
	zend_string *property_file_name = zend_string_init("file", sizeof("file") - 1, 1);
	zend_declare_typed_property(class_entry, property_file_name, &property_file_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING|MAY_BE_NULL));
	zend_string_release(property_file_name);

	zval property_documentIndex_default_value;
	ZVAL_UNDEF(&property_documentIndex_default_value);
	zend_string *property_documentIndex_name = zend_string_init("documentIndex", sizeof("documentIndex") - 1, 1);
	zend_declare_typed_property(class_entry, property_documentIndex_name, &property_documentIndex_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_documentIndex_name);

	return class_entry;
}

static zend_class_entry *register_class_Gbo_Limits(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Gbo", "Limits", class_Gbo_Limits_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_maxDocumentBytes_default_value;
	ZVAL_UNDEF(&property_maxDocumentBytes_default_value);
	zend_string *property_maxDocumentBytes_name = zend_string_init("maxDocumentBytes", sizeof("maxDocumentBytes") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxDocumentBytes_name, &property_maxDocumentBytes_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxDocumentBytes_name);

	zval property_maxDepth_default_value;
	ZVAL_UNDEF(&property_maxDepth_default_value);
	zend_string *property_maxDepth_name = zend_string_init("maxDepth", sizeof("maxDepth") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxDepth_name, &property_maxDepth_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxDepth_name);

	zval property_maxElements_default_value;
	ZVAL_UNDEF(&property_maxElements_default_value);
	zend_string *property_maxElements_name = zend_string_init("maxElements", sizeof("maxElements") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxElements_name, &property_maxElements_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxElements_name);

	zval property_maxTextBytes_default_value;
	ZVAL_UNDEF(&property_maxTextBytes_default_value);
	zend_string *property_maxTextBytes_name = zend_string_init("maxTextBytes", sizeof("maxTextBytes") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxTextBytes_name, &property_maxTextBytes_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxTextBytes_name);

	zval property_maxAttributes_default_value;
	ZVAL_UNDEF(&property_maxAttributes_default_value);
	zend_string *property_maxAttributes_name = zend_string_init("maxAttributes", sizeof("maxAttributes") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxAttributes_name, &property_maxAttributes_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxAttributes_name);

	zval property_maxStartTagBytes_default_value;
	ZVAL_UNDEF(&property_maxStartTagBytes_default_value);
	zend_string *property_maxStartTagBytes_name = zend_string_init("maxStartTagBytes", sizeof("maxStartTagBytes") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxStartTagBytes_name, &property_maxStartTagBytes_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxStartTagBytes_name);

	zval property_maxNamespaces_default_value;
	ZVAL_UNDEF(&property_maxNamespaces_default_value);
	zend_string *property_maxNamespaces_name = zend_string_init("maxNamespaces", sizeof("maxNamespaces") - 1, 1);
	zend_declare_typed_property(class_entry, property_maxNamespaces_name, &property_maxNamespaces_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_maxNamespaces_name);

	return class_entry;
}

static zend_class_entry *register_class_Gbo_Validator(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Gbo", "Validator", class_Gbo_Validator_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Gbo_Exchange(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Gbo", "Exchange", class_Gbo_Exchange_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
