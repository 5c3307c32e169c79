--TEST--
validateFiles(): the library's batch call over many files, the tool's diagnostics, in input order
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
$files = array_merge(examples(), rule_fixtures());
$files = array_merge(array_reverse($files), $files); // order and repeats are the caller's
$validator = new Gbo\Validator(lang: 'en');
$results = $validator->validateFiles($files);
$report = cli_report($files, 'en');
var_dump(count($results) === count($files));
foreach ($files as $i => $file) {
    if (rows($results[$i]) !== cli_rows($report[$i])) {
        echo "DIFFERS: $file\n";
    }
}
var_dump($validator->validateFiles([]));
echo "done\n";
?>
--EXPECT--
bool(true)
array(0) {
}
done
