<?php

/**
 * The gbo extension: libgbo for PHP. The declarations the arginfo header
 * (gbo_arginfo.h) is generated from, with PHP's build/gen_stub.php
 * (make -C bindings/php arginfo, a maintainer target); the generated header
 * is committed, and tests/stub.phpt compares the loaded extension with this
 * file.
 *
 * @generate-class-entries
 */

namespace Gbo {
    /**
     * The exchange format's version this libgbo writes ("1.0").
     * @var string
     * @cvalue GBO_FORMAT_VERSION
     */
    const FORMAT_VERSION = UNKNOWN;
    /**
     * The version of the libgbo the extension runs on.
     * @var string
     * @cvalue gbo_version()
     */
    const VERSION = UNKNOWN;

    /** Validate one document or bundle given as a string: a list of Diagnostic. */
    function validate(string $xml, ?string $lang = null): array {}

    /** Validate the document or bundle at a path or stream URL (read through PHP's streams). */
    function validate_file(string $path, ?string $lang = null): array {}

    /** Read one exchange document from a string; DocumentException when it is refused. */
    function parse(string $xml): Exchange {}

    /** Read one exchange document from a path or stream URL. */
    function parse_file(string $path): Exchange {}

    /** A libgbo call failed. */
    class Exception extends \Exception {}

    /** A document was refused: the first error's rule, and every diagnostic. */
    class DocumentException extends Exception
    {
        private string $rule = "";
        /** @var list<Diagnostic> */
        private array $diagnostics = [];

        public function getRule(): string {}

        /** @return list<Diagnostic> */
        public function getDiagnostics(): array {}
    }

    /**
     * One finding, as `gbo validate` reports it.
     * @not-serializable
     */
    final class Diagnostic
    {
        public readonly string $rule;
        public readonly string $severity;
        public readonly int $line;
        public readonly int $column;
        public readonly string $path;
        public readonly string $message;
        public readonly ?string $file;
        public readonly int $documentIndex;

        private function __construct() {}

        /** The gbo tool's text line: FILE:LINE:COL: SEVERITY: RULE: MESSAGE (PATH). */
        public function __toString(): string {}
    }

    /**
     * Reading limits per document or bundle item (GBO-X005); null fields keep libgbo's default.
     * @not-serializable
     */
    final class Limits
    {
        public readonly int $maxDocumentBytes;
        public readonly int $maxDepth;
        public readonly int $maxElements;
        public readonly int $maxTextBytes;
        public readonly int $maxAttributes;
        public readonly int $maxStartTagBytes;
        public readonly int $maxNamespaces;

        public function __construct(
            ?int $maxDocumentBytes = null,
            ?int $maxDepth = null,
            ?int $maxElements = null,
            ?int $maxTextBytes = null,
            ?int $maxAttributes = null,
            ?int $maxStartTagBytes = null,
            ?int $maxNamespaces = null,
        ) {}
    }

    /**
     * libgbo's validator: its code lists (with extensions), context documents
     * (earlier consents, organisations), limits and language, fixed when made.
     * @not-serializable
     */
    final class Validator
    {
        /**
         * $context: paths or stream URLs of earlier documents (or directories of them);
         * $extensions: paths or stream URLs of code-list extensions.
         * @param string[] $context
         * @param string[] $extensions
         */
        public function __construct(
            ?string $lang = null,
            array $context = [],
            array $extensions = [],
            ?Limits $limits = null,
        ) {}

        /** @return list<Diagnostic> */
        public function validateString(string $xml): array {}

        /** @return list<Diagnostic> */
        public function validateFile(string $path): array {}

        /**
         * Validate many files on every core (libgbo's batch call), in input order.
         * @param string[] $paths
         * @return list<list<Diagnostic>>
         */
        public function validateFiles(array $paths): array {}

        public function getLang(): string {}
    }

    /**
     * One exchange document read into libgbo's model (the model's fields come in part 2).
     * @not-serializable
     */
    final class Exchange
    {
        private function __construct() {}

        public static function fromString(string $xml): Exchange {}

        public static function fromFile(string $path): Exchange {}

        /** The canonical form, the bytes `gbo format` writes (behind the consent gate). */
        public function toXml(): string {}
    }
}
