#!/usr/bin/env bash
# Builds an Arabic WordPress site with a real WordPress (Debian's package) and
# exports it: tests/fixtures/wordpress/arabic-site.xml, arabic-site-subfolder.xml
# and uploads/. The unit tests read those files; they never need WordPress.
#
#   sudo tests/wordpress/make_fixture.sh          (KEEP_TMP=1 keeps the temp dir)
#
# What runs, all private to a temp dir and all on this machine:
#   - Debian's wordpress (6.1) copied from /usr/share/wordpress into TMP/wp.
#     Debian's own wp-config.php picks /etc/wordpress/config-HOST.php from the
#     HTTP Host; the copy gets its own wp-config.php instead, so nothing is
#     written under /etc and no system service is touched.
#   - a private MariaDB (mariadbd on a socket in TMP, no TCP port);
#   - php-fpm on 127.0.0.1 with a private pool, used to check that the
#     permalinks and the old-slug/old-date redirects of the built site resolve
#     (requests sent with cgi-fcgi from libfcgi-bin);
#   - php-cli for WordPress's PHP API: wp_install(), then build_site.php makes
#     users, terms, images (media_handle_sideload), posts, pages and comments,
#     then export_site.php calls export_wp().
# The site is built twice, in two databases: at http://news.example.test and at
# http://news.example.test/akhbar (WordPress in a sub-folder). No request
# leaves the machine: the host name is never resolved, WordPress's HTTP API is
# blocked (WP_HTTP_BLOCK_EXTERNAL and a pre_http_request filter), mail is a stub.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
OUT="$REPO/tests/fixtures/wordpress"
SITE_URL="http://news.example.test"
SUB_URL="http://news.example.test/akhbar"

if [ "$(id -u)" -ne 0 ]; then
  echo "make_fixture.sh: run as root (sudo $0): it installs packages and runs mariadbd and php-fpm as root" >&2
  exit 1
fi

# ---------------------------------------------------------------- packages
PKGS=(wordpress wordpress-l10n wordpress-theme-twentytwentythree mariadb-server mariadb-client
      php-fpm php-cli php-mysql php-gd php-xml php-mbstring libfcgi-bin libxml2-utils)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  # policy-rc.d, where present, keeps the packages' own services stopped; we
  # do not use them either way.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
FPM="$(ls /usr/sbin/php-fpm* | sort -V | tail -n1)"
[ -x "$FPM" ] || { echo "no php-fpm binary" >&2; exit 1; }

# ---------------------------------------------------------------- temp dir, cleanup
TMP="$(mktemp -d /tmp/qalam-wp-fixture.XXXXXX)"
chmod 755 "$TMP"
DB_PID=""
FPM_PID=""
cleanup() {
  local rc=$?
  if [ -n "$FPM_PID" ] && kill -0 "$FPM_PID" 2>/dev/null; then kill "$FPM_PID"; wait "$FPM_PID" 2>/dev/null || true; fi
  if [ -n "$DB_PID" ] && kill -0 "$DB_PID" 2>/dev/null; then
    mariadb-admin --no-defaults --socket="$TMP/mysql.sock" -uroot shutdown 2>/dev/null || kill "$DB_PID"
    wait "$DB_PID" 2>/dev/null || true
  fi
  if [ "${KEEP_TMP:-0}" = 1 ] || [ "$rc" -ne 0 ]; then
    echo "temp dir kept: $TMP" >&2
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- MariaDB
echo "MariaDB in $TMP/db"
mariadb-install-db --no-defaults --datadir="$TMP/db" --user=root --auth-root-authentication-method=socket \
  --skip-test-db >"$TMP/mariadb-install.log" 2>&1
mariadbd --no-defaults --datadir="$TMP/db" --socket="$TMP/mysql.sock" --skip-networking --user=root \
  --pid-file="$TMP/mysqld.pid" --log-error="$TMP/mysqld.err" --character-set-server=utf8mb4 \
  --collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size=64M &
DB_PID=$!
for _ in $(seq 100); do
  mariadb-admin --no-defaults --socket="$TMP/mysql.sock" -uroot ping >/dev/null 2>&1 && break
  kill -0 "$DB_PID" 2>/dev/null || { cat "$TMP/mysqld.err" >&2; exit 1; }
  sleep 0.2
done
mariadb --no-defaults --socket="$TMP/mysql.sock" -uroot <<'SQL'
CREATE DATABASE wp_root CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE wp_akhbar CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp';
GRANT ALL ON wp_root.* TO 'wp'@'localhost';
GRANT ALL ON wp_akhbar.* TO 'wp'@'localhost';
SQL

# ---------------------------------------------------------------- WordPress tree
# A real copy: PHP resolves symlinks in __FILE__, so a symlinked wp-load.php
# would find Debian's wp-config.php again.
cp -a /usr/share/wordpress "$TMP/wp"
rm -f "$TMP/wp/.htaccess"  # a link to /etc/wordpress/htaccess, not ours.
mkdir -p "$TMP/wp/wp-content/uploads" "$TMP/wp/wp-content/mu-plugins"
cat >"$TMP/wp/wp-config.php" <<PHP
<?php
// Private to make_fixture.sh. The database comes from the FastCGI parameter
// or the environment QALAM_WP_DB (wp_root or wp_akhbar).
\$qalam_db = \$_SERVER['QALAM_WP_DB'] ?? getenv('QALAM_WP_DB');
if (!in_array(\$qalam_db, ['wp_root', 'wp_akhbar'], true)) { http_response_code(500); exit("QALAM_WP_DB not set\n"); }
define('DB_NAME', \$qalam_db);
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:$TMP/mysql.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
\$table_prefix = 'wp_';
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as \$k) define(\$k, 'qalam-fixture-' . \$k);
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
define('WPLANG', 'ar');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP
cat >"$TMP/wp/wp-content/mu-plugins/qalam-fixture.php" <<'PHP'
<?php
// Nothing leaves the machine, and the fixture stays small.
add_filter('pre_http_request', function () { return new WP_Error('qalam_fixture', 'no network in the fixture build'); }, 1);
add_filter('intermediate_image_sizes_advanced', function ($sizes) {
    return array_intersect_key($sizes, array_flip(['thumbnail', 'medium', 'large']));
});
add_filter('big_image_size_threshold', '__return_false');
if (!function_exists('wp_mail')) { function wp_mail() { return true; } }
PHP

# ---------------------------------------------------------------- php-fpm on loopback
PORT="$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo explode(":", stream_socket_get_name($s, false))[1];')"
cat >"$TMP/php-fpm.conf" <<CONF
[global]
pid = $TMP/php-fpm.pid
error_log = $TMP/php-fpm.log
daemonize = no
[qalam]
user = root
group = root
listen = 127.0.0.1:$PORT
listen.allowed_clients = 127.0.0.1
pm = static
pm.max_children = 2
catch_workers_output = yes
php_admin_value[error_log] = $TMP/php-errors.log
CONF
"$FPM" --fpm-config "$TMP/php-fpm.conf" --allow-to-run-as-root --nodaemonize &
FPM_PID=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$FPM_PID" 2>/dev/null || { cat "$TMP/php-fpm.log" >&2; exit 1; }
  sleep 0.2
done
echo "php-fpm on 127.0.0.1:$PORT"

# One request to php-fpm, as a web server would send it for SITE_URL + path.
# Prints "STATUS LOCATION".
fcgi_get() {  # db site_url path
  local db="$1" site="$2" path="$3" base
  base="$(php -r 'echo (string) parse_url($argv[1], PHP_URL_PATH);' "$site")"
  local qs="" p="$path"
  case "$path" in *\?*) qs="${path#*\?}"; p="${path%%\?*}";; esac
  env -i REQUEST_METHOD=GET REQUEST_URI="$path" QUERY_STRING="$qs" SCRIPT_NAME="$base/index.php" \
    SCRIPT_FILENAME="$TMP/wp/index.php" DOCUMENT_ROOT="$TMP/docroot" SERVER_NAME=news.example.test \
    SERVER_PORT=80 SERVER_PROTOCOL=HTTP/1.1 HTTP_HOST=news.example.test REMOTE_ADDR=127.0.0.1 \
    GATEWAY_INTERFACE=CGI/1.1 QALAM_WP_DB="$db" \
    cgi-fcgi -bind -connect "127.0.0.1:$PORT" 2>/dev/null \
  | awk 'BEGIN { st = 200; loc = "" }
         /^\r?$/ { body = 1 }
         body { next }
         /^Status:/ { st = $2 }
         /^Location:/ { loc = $2; sub(/\r$/, "", loc) }
         END { print st, loc }'
}

# ---------------------------------------------------------------- build, check, export
build_and_export() {  # db url output.xml
  local db="$1" url="$2" xml="$3"
  echo "== building $url (database $db)"
  export QALAM_WP_ROOT="$TMP/wp" QALAM_WP_URL="$url" QALAM_WP_DB="$db" QALAM_WP_WORK="$TMP/work-$db"
  rm -rf "$TMP/wp/wp-content/uploads" && mkdir -p "$TMP/wp/wp-content/uploads" "$QALAM_WP_WORK"
  php "$HERE/build_site.php" install
  php "$HERE/build_site.php" content
  php "$HERE/export_site.php" "$xml"
  xmllint --noout "$xml"
  php "$HERE/check_export.php" "$xml" "$TMP/wp/wp-content/uploads" "$url"
  # Every published post and page, and the redirects, through php-fpm.
  local n=0 want path loc got
  while read -r want path loc; do
    got="$(fcgi_get "$db" "$url" "$path")"
    if [ "${got%% *}" != "$want" ] || { [ -n "${loc:-}" ] && [ "${got#* }" != "$loc" ]; }; then
      echo "php-fpm: $path gave '$got', wanted $want ${loc:-}" >&2
      exit 1
    fi
    n=$((n + 1))
  done < <(php "$HERE/check_export.php" "$xml" "$TMP/wp/wp-content/uploads" "$url" --requests)
  echo "php-fpm: $n permalinks and redirects resolve as expected"
}

mkdir -p "$OUT"
build_and_export wp_akhbar "$SUB_URL" "$TMP/arabic-site-subfolder.xml"
build_and_export wp_root "$SITE_URL" "$TMP/arabic-site.xml"

# The uploads of the last build (the files are the same in both builds).
rm -rf "$OUT/uploads"
mkdir -p "$OUT/uploads"
cp -a "$TMP/wp/wp-content/uploads/." "$OUT/uploads/"
cp "$TMP/arabic-site.xml" "$OUT/arabic-site.xml"
cp "$TMP/arabic-site-subfolder.xml" "$OUT/arabic-site-subfolder.xml"

# Files made under sudo belong to whoever owns the repository.
chown -R --reference="$REPO" "$OUT" 2>/dev/null || true

echo "== fixture"
xmllint --noout "$OUT/arabic-site.xml" "$OUT/arabic-site-subfolder.xml"
php "$HERE/check_export.php" "$OUT/arabic-site.xml" "$OUT/uploads" "$SITE_URL"
php "$HERE/check_export.php" "$OUT/arabic-site-subfolder.xml" "$OUT/uploads" "$SUB_URL"
(cd "$OUT" && find uploads -type f | sort && du -sh uploads | sed 's/^/total: /')
