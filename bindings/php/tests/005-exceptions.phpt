--TEST--
Exceptions: refused documents, unreadable files, bad arguments of every function
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
function attempt(callable $f): void
{
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    Gbo\parse('<notes/>');
} catch (Gbo\DocumentException $e) {
    echo $e->getRule(), ' ', count($e->getDiagnostics()), ' ', get_class($e->getDiagnostics()[0]), "\n";
}
// the writer's consent gate
try {
    Gbo\parse_file(src('tests', 'fixtures', 'rules', 'GBO-C004', 'trigger.xml'))->toXml();
} catch (Gbo\DocumentException $e) {
    echo $e->getRule(), ' ', $e->getDiagnostics()[0]->path, "\n";
}
attempt(fn() => Gbo\parse_file('/no/such/file.xml'));
attempt(fn() => Gbo\validate_file('/no/such/file.xml'));
attempt(fn() => Gbo\validate('<x/>', 'xx'));
attempt(fn() => Gbo\validate_file("a\0b.xml"));
attempt(fn() => Gbo\validate([]));
attempt(fn() => new Gbo\Validator(lang: 'klingon'));
attempt(fn() => new Gbo\Validator(context: [1]));
attempt(fn() => new Gbo\Validator(extensions: ['/no/such/extension.xml']));
attempt(fn() => new Gbo\Validator(context: ['/no/such/context.xml']));
attempt(fn() => new Gbo\Validator(limits: 'small'));
attempt(fn() => (new Gbo\Validator())->validateFiles(['/no/such/file.xml']));
attempt(fn() => (new Gbo\Validator())->validateFiles([[]]));
attempt(fn() => new Gbo\Limits(maxDepth: 0));
attempt(fn() => new Gbo\Diagnostic());
attempt(fn() => new Gbo\Exchange());
attempt(fn() => Gbo\Exchange::fromString(''));
$d = Gbo\validate_file(src('tests', 'fixtures', 'rules', 'GBO-R001', 'trigger.xml'), 'en')[0];
attempt(function () use ($d) { $d->rule = 'GBO-X001'; });
echo str_ends_with((string) $d, '(/exchange/referral[1]/urgency)') ? "toString\n" : "no toString\n";
// a refused document is findings, not an exception, when validating
echo Gbo\validate('<notes/>', 'en')[0]->rule, "\n";
?>
--EXPECTF--
GBO-X004 1 Gbo\Diagnostic
GBO-C004 /exchange/referral[1]/helpQuestion
Gbo\Exception: /no/such/file.xml: cannot be opened for reading (missing, unreadable, or outside open_basedir)
Gbo\Exception: /no/such/file.xml: cannot be opened for reading (missing, unreadable, or outside open_basedir)
ValueError: Gbo\validate(): Argument #2 ($lang) must be "nl", "fr", "de", "en" or null
ValueError: Gbo\validate_file(): Argument #1 ($path) must not contain any null bytes
TypeError: Gbo\validate(): Argument #1 ($xml) must be of type string, array given
ValueError: Gbo\Validator::__construct(): Argument #1 ($lang) must be "nl", "fr", "de", "en" or null
TypeError: Gbo\Validator::__construct(): Argument #2 ($context) must contain only strings (paths), int given
Gbo\Exception: /no/such/extension.xml: cannot be opened for reading (missing, unreadable, or outside open_basedir)
Gbo\Exception: /no/such/context.xml: cannot be opened for reading (missing, unreadable, or outside open_basedir)
TypeError: Gbo\Validator::__construct(): Argument #4 ($limits) must be of type ?Gbo\Limits, string given
Gbo\Exception: /no/such/file.xml: cannot be opened for reading (missing, unreadable, or outside open_basedir)
TypeError: Gbo\Validator::validateFiles(): Argument #1 ($paths) must contain only strings (paths), array given
ValueError: Gbo\Limits::__construct(): Argument #2 ($maxDepth) must be between 1 and %d
Error: Call to private Gbo\Diagnostic::__construct() from global scope
Error: Call to private Gbo\Exchange::__construct() from global scope
Gbo\DocumentException: %s
Error: Cannot modify readonly property Gbo\Diagnostic::$rule
toString
GBO-X004
