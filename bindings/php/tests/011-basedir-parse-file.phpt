--TEST--
open_basedir applies to Gbo\parse_file()
--INI--
open_basedir={PWD}
--FILE--
<?php
$inside = __DIR__ . '/data/referral-warm.xml';
$outside = getenv('GBO_SRCDIR') . '/examples/referral-warm.xml';
var_dump(strlen(Gbo\parse_file($inside)->toXml()) > 0);
try {
    Gbo\parse_file($outside);
    echo "read outside open_basedir\n";
} catch (Gbo\Exception $e) {
    echo str_replace($outside, 'OUTSIDE', $e->getMessage()), "\n";
}
?>
--EXPECT--
bool(true)
OUTSIDE: cannot be opened for reading (missing, unreadable, or outside open_basedir)
