dnl The gbo PHP extension: libgbo for PHP, found through pkg-config.
dnl   phpize && ./configure && make   (PKG_CONFIG_PATH names a libgbo outside the system)
PHP_ARG_ENABLE([gbo],
  [whether to enable the gbo extension (libgbo)],
  [AS_HELP_STRING([--enable-gbo], [Enable the gbo extension, over an installed libgbo])],
  [yes])

if test "$PHP_GBO" != "no"; then
  PKG_CHECK_MODULES([LIBGBO], [libgbo >= 0.1])
  PHP_EVAL_INCLINE([$LIBGBO_CFLAGS])
  PHP_EVAL_LIBLINE([$LIBGBO_LIBS], [GBO_SHARED_LIBADD])
  dnl a libgbo outside the system directories is found at run time by its run path
  LIBGBO_LIBDIR=`$PKG_CONFIG --variable=libdir libgbo`
  case "$LIBGBO_LIBDIR" in
    /usr/lib|/usr/lib64|/lib|/lib64|/usr/lib/*-linux-gnu|/lib/*-linux-gnu) ;;
    *) PHP_ADD_LIBPATH([$LIBGBO_LIBDIR], [GBO_SHARED_LIBADD]) ;;
  esac
  PHP_SUBST([GBO_SHARED_LIBADD])
  PHP_NEW_EXTENSION([gbo], [gbo.c errors.c streams.c validator.c exchange.c], [$ext_shared], [],
                    [-DZEND_ENABLE_STATIC_TSRMLS_CACHE=1 -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers])
fi
