--TEST--
Every PHP example in docs/php.md and the README runs as written, from the top of the source tree
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
preg_match_all('/^```php\n(.*?)^```/ms', file_get_contents(src('docs', 'php.md')), $docs);
preg_match_all('/^```php\n(.*?)^```/ms', file_get_contents(src('README.md')), $readme);
var_dump(count($docs[1]) >= 4, count($readme[1]) >= 1);
foreach (array_merge($docs[1], $readme[1]) as $i => $code) {
    $script = tempnam(sys_get_temp_dir(), 'gbo-doc');
    file_put_contents($script, $code);
    $command = escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(getenv('GBO_PHP_EXTENSION'))
        . ' ' . escapeshellarg($script) . ' 2>&1';
    $cwd = getcwd();
    chdir(getenv('GBO_SRCDIR'));
    exec($command, $output, $status);
    chdir($cwd);
    unlink($script);
    if ($status !== 0) {
        echo "block $i failed ($status):\n", implode("\n", $output), "\n";
    }
    $output = [];
}
echo "done\n";
?>
--EXPECT--
bool(true)
bool(true)
done
