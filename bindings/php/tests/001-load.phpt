--TEST--
The extension loads: its constants, classes and phpinfo()
--FILE--
<?php
var_dump(extension_loaded('gbo'));
var_dump(Gbo\FORMAT_VERSION);
var_dump(Gbo\VERSION === phpversion('gbo'));
foreach (['Gbo\Exception', 'Gbo\DocumentException', 'Gbo\Diagnostic', 'Gbo\Limits', 'Gbo\Validator', 'Gbo\Exchange'] as $c) {
    echo $c, ': ', class_exists($c) ? 'yes' : 'no', "\n";
}
var_dump(is_subclass_of('Gbo\DocumentException', 'Gbo\Exception'), is_subclass_of('Gbo\Exception', 'Exception'));
ob_start();
phpinfo(INFO_MODULES);
var_dump(str_contains(ob_get_clean(), 'gbo support'));
?>
--EXPECT--
bool(true)
string(3) "1.0"
bool(true)
Gbo\Exception: yes
Gbo\DocumentException: yes
Gbo\Diagnostic: yes
Gbo\Limits: yes
Gbo\Validator: yes
Gbo\Exchange: yes
bool(true)
bool(true)
bool(true)
