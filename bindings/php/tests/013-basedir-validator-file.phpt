--TEST--
open_basedir applies to Gbo\Validator::validateFile()
--INI--
open_basedir={PWD}
--FILE--
<?php
$inside = __DIR__ . '/data/referral-warm.xml';
$outside = getenv('GBO_SRCDIR') . '/examples/referral-warm.xml';
var_dump((new Gbo\Validator())->validateFile($inside));
try {
    (new Gbo\Validator())->validateFile($outside);
    echo "read outside open_basedir\n";
} catch (Gbo\Exception $e) {
    echo str_replace($outside, 'OUTSIDE', $e->getMessage()), "\n";
}
?>
--EXPECT--
array(0) {
}
OUTSIDE: cannot be opened for reading (missing, unreadable, or outside open_basedir)
