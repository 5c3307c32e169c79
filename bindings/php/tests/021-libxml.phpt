--TEST--
libxml coexistence: DOMDocument::schemaValidate with libxml_use_internal_errors and Gbo\validate in one request
--EXTENSIONS--
dom
libxml
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
$schema = <<<'XSD'
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="note"><xs:complexType><xs:sequence>
    <xs:element name="to" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
</xs:schema>
XSD;
libxml_use_internal_errors(true);
foreach ([1, 2] as $round) {
    $doc = new DOMDocument();
    $doc->loadXML('<note><from>x</from></note>');
    var_dump($doc->schemaValidateSource($schema));
    $before = count(libxml_get_errors());
    $gbo = Gbo\validate(file_get_contents(src('tests', 'fixtures', 'rules', 'GBO-X004', 'trigger.xml')), 'en');
    $broken = Gbo\validate('<exchange', 'en');
    echo $gbo[0]->rule, ' ', $broken[0]->rule, "\n";
    var_dump(count(libxml_get_errors()) === $before);   // libgbo's errors are not PHP's
    libxml_clear_errors();
}
var_dump(libxml_use_internal_errors(false));
?>
--EXPECT--
bool(false)
GBO-X004 GBO-X001
bool(true)
bool(false)
GBO-X004 GBO-X001
bool(true)
bool(true)
