--TEST--
parse_file()->toXml() is what `gbo format` writes, for every example document
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
$count = 0;
foreach (examples() as $file) {
    if (str_ends_with($file, 'bundle.xml')) {
        continue;
    }
    $format = shell_exec(escapeshellarg(getenv('GBO_CLI')) . ' format ' . escapeshellarg($file));
    $ways = [Gbo\parse_file($file)->toXml(), Gbo\parse(file_get_contents($file))->toXml(),
             Gbo\Exchange::fromFile($file)->toXml(), Gbo\Exchange::fromString(file_get_contents($file))->toXml()];
    foreach ($ways as $xml) {
        if ($xml !== $format) {
            echo "DIFFERS: $file\n";
        }
    }
    $copy = clone Gbo\parse_file($file);
    if ($copy->toXml() !== $format) {
        echo "CLONE DIFFERS: $file\n";
    }
    $count++;
}
var_dump($count >= 15);
?>
--EXPECT--
bool(true)
