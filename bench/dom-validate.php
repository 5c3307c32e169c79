<?php
// dom-validate.php XSD FILE... -- what a PHP integrator writes today: DOMDocument
// loads each file (no network) and DOMDocument::schemaValidate() checks it (PHP's DOM
// compiles the schema on every call; it has no way to keep it). Exit 1 when a file
// is invalid. Used by bench/run.
libxml_use_internal_errors(true);
$xsd = $argv[1];
$invalid = 0;
foreach (array_slice($argv, 2) as $path) {
    $dom = new DOMDocument();
    if (!$dom->load($path, LIBXML_NONET) || !$dom->schemaValidate($xsd)) {
        $invalid++;
    }
    libxml_clear_errors();
}
exit($invalid ? 1 : 0);
