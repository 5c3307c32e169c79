--TEST--
open_basedir applies to Gbo\Validator context directories
--INI--
open_basedir={PWD}
--FILE--
<?php
$inside = __DIR__ . '/data/context';
$outside = getenv('GBO_SRCDIR') . '/examples';
var_dump(count((new Gbo\Validator(context: [$inside]))->validateFile($inside . '/referral-warm.xml')));
try {
    new Gbo\Validator(context: [$outside]);
    echo "read outside open_basedir\n";
} catch (Gbo\Exception $e) {
    echo str_replace($outside, 'OUTSIDE', $e->getMessage()), "\n";
}
?>
--EXPECT--
int(0)
OUTSIDE: cannot be opened for reading (missing, unreadable, or outside open_basedir)
