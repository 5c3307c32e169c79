--TEST--
Parity: every example and rule fixture, in all four languages, gives the gbo tool's diagnostics
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
$files = array_merge(examples(), rule_fixtures());
$checked = $findings = 0;
foreach (['nl', 'fr', 'de', 'en'] as $lang) {
    $validator = new Gbo\Validator(lang: $lang);
    $report = cli_report($files, $lang);
    foreach ($files as $i => $file) {
        $expected = cli_rows($report[$i]);
        $fromFile = rows(Gbo\validate_file($file, $lang));
        $withValidator = rows($validator->validateFile($file));
        // from a string the file is unnamed, as the tool's standard input
        $fromString = rows(Gbo\validate(file_get_contents($file), $lang));
        $unnamed = array_map(fn($r) => array_replace($r, [6 => null]), $expected);
        if ($fromFile !== $expected || $withValidator !== $expected || $fromString !== $unnamed) {
            echo "DIFFERS: $lang $file\n";
            var_dump($expected, $fromFile);
        }
        $checked++;
        $findings += count($expected);
    }
}
echo $checked === 4 * count($files) ? "all checked\n" : "missing\n";
var_dump($findings > 100);
?>
--EXPECT--
all checked
bool(true)
