<?php
// Exports the site with WordPress's own export_wp(), as Tools → Export →
// "All content" does, into the file named by argv[1].
// Run by tests/wordpress/make_fixture.sh.
$root = getenv('QALAM_WP_ROOT');
$url  = getenv('QALAM_WP_URL');
$out  = $argv[1] ?? '';
if (!$root || !$url || $out === '') { fwrite(STDERR, "usage: QALAM_WP_ROOT=… QALAM_WP_URL=… QALAM_WP_DB=… php export_site.php OUT.xml\n"); exit(2); }
$host = parse_url($url, PHP_URL_HOST);
$_SERVER['HTTP_HOST'] = $_SERVER['SERVER_NAME'] = $host;
$_SERVER['REQUEST_URI'] = (string) parse_url($url, PHP_URL_PATH) . '/wp-admin/export.php?download=true';
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/export.php';
wp_set_current_user(1);
// export_wp() calls header() for the download; under the CLI SAPI header() is
// a no-op, so only its output matters: catch it.
ob_start();
export_wp(['content' => 'all']);
$xml = ob_get_clean();
if (strlen($xml) < 1000) { fwrite(STDERR, "export_site.php: export too short\n"); exit(1); }
file_put_contents($out, $xml);
echo "exported " . strlen($xml) . " bytes to $out\n";
