--TEST--
Paths are read through PHP's streams: stream wrappers work
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
$file = src('tests', 'fixtures', 'rules', 'GBO-R001', 'trigger.xml');
$data = 'data://text/xml;base64,' . base64_encode(file_get_contents($file));
echo Gbo\validate_file($data, 'en')[0]->rule, "\n";
echo Gbo\validate_file($data, 'en')[0]->file === $data ? "named by its URL\n" : "unnamed\n";
$gz = tempnam(sys_get_temp_dir(), 'gbo') . '.xml.gz';
file_put_contents('compress.zlib://' . $gz, file_get_contents(src('examples', 'referral-warm.xml')));
var_dump(Gbo\parse_file('compress.zlib://' . $gz)->toXml() === Gbo\parse_file(src('examples', 'referral-warm.xml'))->toXml());
var_dump(count((new Gbo\Validator(context: ['compress.zlib://' . $gz]))->validateFiles([$data, 'compress.zlib://' . $gz])));
unlink($gz);
?>
--EXPECT--
GBO-R001
named by its URL
bool(true)
int(2)
