--TEST--
The loaded extension is what gbo.stub.php declares: functions, classes, methods, parameters, types, properties
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
// the stub, declared again in a namespace of its own, is compared with the extension by Reflection
$stub = file_get_contents(src('bindings', 'php', 'gbo.stub.php'));
$stub = str_replace(['namespace Gbo {', '= UNKNOWN;'], ['namespace GboStub {', '= "";'], $stub);
eval('?>' . $stub);

function params(ReflectionFunctionAbstract $f): array
{
    return array_map(fn(ReflectionParameter $p) => [$p->getName(), (string) $p->getType(), $p->isOptional(),
                                                    $p->isVariadic()], $f->getParameters());
}
function signature(ReflectionFunctionAbstract $f): array
{
    $return = $f->hasReturnType() ? (string) $f->getReturnType() : ($f->hasTentativeReturnType() ? (string) $f->getTentativeReturnType() : '');
    return [str_replace('GboStub\\', 'Gbo\\', json_encode(params($f))), str_replace('GboStub\\', 'Gbo\\', $return)];
}
$differences = 0;
$report = function (string $what) use (&$differences) { echo "DIFFERS: $what\n"; $differences++; };

$extension = new ReflectionExtension('gbo');
$functions = array_keys($extension->getFunctions());
$declared = array_values(array_filter(get_defined_functions()['user'], fn($f) => str_starts_with($f, 'gbostub\\')));
sort($functions);
sort($declared);
if (str_replace('gbostub\\', 'gbo\\', $declared) !== array_map('strtolower', $functions)) {
    $report('the functions');
}
foreach ($functions as $name) {
    if (signature(new ReflectionFunction($name)) !== signature(new ReflectionFunction(str_replace('Gbo\\', 'GboStub\\', $name)))) {
        $report($name);
    }
}
$classes = array_keys($extension->getClasses());
foreach ($classes as $class) {
    $real = new ReflectionClass($class);
    $mine = new ReflectionClass(str_replace('Gbo\\', 'GboStub\\', $class));
    $parent = fn(ReflectionClass $c) => $c->getParentClass() ? str_replace('GboStub\\', 'Gbo\\', $c->getParentClass()->getName()) : null;
    if ($real->isFinal() !== $mine->isFinal() || $parent($real) !== $parent($mine)) {
        $report("$class: final or parent");
    }
    $methods = fn(ReflectionClass $c) => array_values(array_map(fn($m) => $m->getName() . ($m->isStatic() ? ' static' : '') . ($m->isPrivate() ? ' private' : ''),
                                                   array_filter($c->getMethods(), fn($m) => $m->getDeclaringClass()->getName() === $c->getName())));
    if ($methods($real) !== $methods($mine)) {
        $report("$class: the methods");
    }
    foreach ($real->getMethods() as $method) {
        if ($method->getDeclaringClass()->getName() === $class &&
            signature($method) !== signature($mine->getMethod($method->getName()))) {
            $report("$class::{$method->getName()}");
        }
    }
    $properties = fn(ReflectionClass $c) => array_values(array_map(fn($p) => [$p->getName(), (string) $p->getType(), $p->isReadOnly(), $p->isPrivate()],
                                                      array_filter($c->getProperties(), fn($p) => $p->getDeclaringClass()->getName() === $c->getName())));
    if ($properties($real) !== $properties($mine)) {
        $report("$class: the properties");
    }
}
var_dump(count($classes), count($functions), $differences);
?>
--EXPECT--
int(6)
int(4)
int(0)
