--TEST--
Found in review: files read by their size (not 64 MiB each), arrays of references, a long bundle prologue, directories and unknown wrappers
--INI--
memory_limit=32M
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
// each file used to reserve 64 MiB: with a 32M memory_limit this was a fatal error
$files = array_merge(examples(), rule_fixtures());
var_dump(count((new Gbo\Validator())->validateFiles($files)) === count($files));
var_dump(count((new Gbo\Validator(extensions: [src('examples', 'codelists', 'network-extension.xml')]))
    ->validateFile(src('examples', 'referral-warm.xml'))));
// an array whose elements are references (after foreach by reference)
$paths = [src('examples', 'referral-warm.xml')];
foreach ($paths as &$path) {
}
unset($path);
var_dump(count((new Gbo\Validator(context: $paths))->validateFiles($paths)[0]));
// a context bundle whose prologue is longer than 4 KiB is still a bundle
$bundle = file_get_contents(src('examples', 'bundle.xml'));
$long = preg_replace('/\?>/', '?><!--' . str_repeat(' ', 5000) . '-->', $bundle, 1);
$file = tempnam(sys_get_temp_dir(), 'gbo') . '.xml';
file_put_contents($file, $long);
var_dump((new Gbo\Validator(context: [$file]))->validateFile($file) === Gbo\validate($long));
unlink($file);
// a directory where a file is expected, and a wrapper PHP does not know: one exception, no warning
foreach ([sys_get_temp_dir(), 'foo://bar'] as $path) {
    foreach ([fn() => Gbo\validate_file($path), fn() => (new Gbo\Validator())->validateFiles([$path])] as $call) {
        try {
            $call();
            echo "no exception\n";
        } catch (Gbo\Exception $e) {
            echo str_replace($path, 'PATH', $e->getMessage()), "\n";
        }
    }
}
?>
--EXPECT--
bool(true)
int(0)
int(0)
bool(true)
PATH: is a directory
PATH: is a directory
PATH: cannot be opened for reading (missing, unreadable, or outside open_basedir)
PATH: cannot be opened for reading (missing, unreadable, or outside open_basedir)
