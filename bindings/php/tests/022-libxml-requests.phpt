--TEST--
libxml coexistence across requests: one PHP process (the built-in web server) serving requests that mix DOMDocument::schemaValidate and Gbo\validate
--EXTENSIONS--
dom
libxml
--FILE--
<?php
require __DIR__ . '/gbo_test.inc';
$router = tempnam(sys_get_temp_dir(), 'gbo-router') . '.php';
file_put_contents($router, <<<'PHP'
<?php
$schema = '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="note"><xs:complexType>'
        . '<xs:sequence><xs:element name="to" type="xs:string"/></xs:sequence></xs:complexType></xs:element></xs:schema>';
libxml_use_internal_errors(true);
$errors = [count(libxml_get_errors())];                 // what the request starts with
$doc = new DOMDocument();
$doc->loadXML('<note><from>x</from></note>');
$doc->schemaValidateSource($schema);
$errors[] = count(libxml_get_errors());
$rules = array_map(fn($d) => $d->rule, Gbo\validate('<exchange', 'en'));
$errors[] = count(libxml_get_errors());                  // libgbo added none of its own
echo json_encode(['errors' => $errors, 'rules' => $rules]);
PHP);
$server = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($server, false), ':'), 1);
fclose($server);
$command = [PHP_BINARY, '-n', '-d', 'extension=dom', '-d', 'extension=' . getenv('GBO_PHP_EXTENSION'), '-S', "127.0.0.1:$port", $router];
$process = proc_open($command, [1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes);
$answers = [];
for ($request = 0; $request < 3; $request++) {
    $answer = false;
    for ($wait = 0; $wait < 600 && $answer === false; $wait++) {
        $answer = @file_get_contents("http://127.0.0.1:$port/");
        if ($answer === false) {
            usleep(100000);
        }
    }
    $answers[] = $answer;
}
proc_terminate($process, 2); // SIGINT: the built-in server shuts down in order
proc_close($process);
unlink($router);
foreach ($answers as $answer) {
    echo $answer, "\n";
}
?>
--EXPECT--
{"errors":[0,1,1],"rules":["GBO-X001"]}
{"errors":[0,1,1],"rules":["GBO-X001"]}
{"errors":[0,1,1],"rules":["GBO-X001"]}
