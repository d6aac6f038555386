<?php
// Checks an export made by make_fixture.sh and prints its counts.
//   php check_export.php EXPORT.xml UPLOADS_DIR SITE_URL [--requests]
// Fails (exit 1) when a post, page, comment, image or redirect that
// build_site.php made is missing or wrong. With --requests it prints, one a
// line, "EXPECT STATUS PATH [LOCATION]" for make_fixture.sh to ask php-fpm.
[$self, $file, $uploads, $url] = array_pad($argv, 4, '');
$requests = in_array('--requests', $argv, true);
if ($file === '' || $uploads === '' || $url === '') { fwrite(STDERR, "usage: php check_export.php EXPORT.xml UPLOADS_DIR SITE_URL [--requests]\n"); exit(2); }

$errors = [];
function check($ok, $what) { global $errors; if (!$ok) $errors[] = $what; }

$doc = new DOMDocument();
if (!$doc->load($file, LIBXML_NOCDATA | LIBXML_PARSEHUGE)) { fwrite(STDERR, "$file: not well-formed\n"); exit(1); }
$x = new DOMXPath($doc);
$x->registerNamespace('wp', 'http://wordpress.org/export/1.2/');
$x->registerNamespace('content', 'http://purl.org/rss/1.0/modules/content/');
$x->registerNamespace('excerpt', 'http://wordpress.org/export/1.2/excerpt/');
$x->registerNamespace('dc', 'http://purl.org/dc/elements/1.1/');
$v = function ($q, $ctx = null) use ($x) { $n = $x->query($q, $ctx); return $n->length ? $n->item(0)->textContent : null; };

check($v('/rss/channel/title') === 'صحيفة الاختبار', 'site title');
check($v('/rss/channel/language') === 'ar', 'language ar');
check($v('/rss/channel/wp:wxr_version') === '1.2', 'WXR 1.2');
check($v('/rss/channel/link') === $url, "channel link is $url");
check($v('/rss/channel/wp:base_site_url') === $url, 'base_site_url');

$items = [];
$counts = [];
foreach ($x->query('/rss/channel/item') as $it) {
    $type = $v('wp:post_type', $it); $status = $v('wp:status', $it);
    $counts["$type/$status"] = ($counts["$type/$status"] ?? 0) + 1;
    $meta = [];
    foreach ($x->query('wp:postmeta', $it) as $m) $meta[$v('wp:meta_key', $m)][] = $v('wp:meta_value', $m);
    $comments = [];
    foreach ($x->query('wp:comment', $it) as $c) {
        $comments[(int) $v('wp:comment_id', $c)] = ['approved' => $v('wp:comment_approved', $c), 'parent' => (int) $v('wp:comment_parent', $c),
            'user' => (int) $v('wp:comment_user_id', $c), 'type' => $v('wp:comment_type', $c)];
    }
    $cats = []; $tags = [];
    foreach ($x->query('category', $it) as $c) {
        if ($c->getAttribute('domain') === 'category') $cats[] = $c->textContent;
        if ($c->getAttribute('domain') === 'post_tag') $tags[] = $c->textContent;
    }
    $items[(int) $v('wp:post_id', $it)] = ['type' => $type, 'status' => $status, 'title' => $v('title', $it), 'link' => $v('link', $it),
        'name' => $v('wp:post_name', $it), 'date' => $v('wp:post_date', $it), 'sticky' => $v('wp:is_sticky', $it), 'password' => $v('wp:post_password', $it),
        'content' => $v('content:encoded', $it), 'excerpt' => $v('excerpt:encoded', $it), 'parent' => (int) $v('wp:post_parent', $it),
        'url' => $v('wp:attachment_url', $it), 'meta' => $meta, 'comments' => $comments, 'cats' => $cats, 'tags' => $tags, 'creator' => $v('dc:creator', $it)];
}
ksort($counts);
$byTitle = [];
foreach ($items as $id => $i) $byTitle[$i['title']] = $id;
$get = function ($title) use ($byTitle, $items) { global $errors; if (!isset($byTitle[$title])) { $errors[] = "no item «{$title}»"; return null; } return $items[$byTitle[$title]]; };

// Posts and pages by status.
$want = ['attachment/inherit' => 6, 'page/draft' => 1, 'page/publish' => 4, 'post/draft' => 1, 'post/future' => 1,
         'post/pending' => 1, 'post/private' => 1, 'post/publish' => 14, 'post/trash' => 1];
foreach ($want as $k => $n) check(($counts[$k] ?? 0) === $n, "$n items $k (export has " . ($counts[$k] ?? 0) . ')');
check(count($counts) === count($want), 'no other item types: ' . implode(', ', array_keys($counts)));

// Authors: the four roles and the contributor's post.
check($x->query('/rss/channel/wp:author')->length === 5, 'five wp:author');
foreach (['hind', 'khalid', 'noura', 'yousef', 'ahmad'] as $login) check($x->query("/rss/channel/wp:author[wp:author_login='$login']")->length === 1, "author $login");
// Terms: 7 categories (with the default one), one child; 8 tags; the post format.
check($x->query('/rss/channel/wp:category')->length === 7, 'seven categories');
check($v("/rss/channel/wp:category[wp:category_nicename='football']/wp:category_parent") === 'sports', 'football is a child of sports');
check($x->query('/rss/channel/wp:tag')->length === 8, 'eight tags');

// Particular items.
if ($p = $get('أمانة الرياض تفتتح ثلاث حدائق عامة في شمال المدينة')) {
    check($p['name'] === '%d8%ad%d8%af%d8%a7%d8%a6%d9%82-%d8%a7%d9%84%d8%b1%d9%8a%d8%a7%d8%b6-%d8%a7%d9%84%d8%ac%d8%af%d9%8a%d8%af%d8%a9', 'Arabic slug percent-encoded');
    check(strpos($p['content'], '<!-- wp:') === false && strpos($p['content'], '<!--more-->') !== false, 'classic post has no blocks and a more tag');
    check(isset($p['meta']['_thumbnail_id']), 'classic post has a featured image');
    check($p['excerpt'] !== '', 'manual excerpt');
    check(count($p['comments']) === 6, 'six comments on the parks post');
}
if ($p = $get('معرض الرياض الدولي للكتاب يفتح أبوابه بمشاركة ألف دار نشر')) check($p['sticky'] === '1', 'sticky post');
if ($p = $get('الذكاء الاصطناعي يدخل غرف الأخبار العربية')) check(($p['meta']['_wp_old_slug'] ?? []) === ['ai-newsrooms'] && $p['name'] === 'ai-in-arab-newsrooms', 'old slug kept');
if ($p = $get('موجة حر متأخرة تضرب المنطقة الوسطى')) check(($p['meta']['_wp_old_date'] ?? []) === ['2026-10-28'], 'old date kept');
if ($p = $get('للمشتركين: القراءة الكاملة لأرقام الميزانية')) check($p['password'] === 'qalam-2026', 'password');
if ($p = $get('نتائج غير رسمية للانتخابات البلدية')) {
    check($p['name'] === 'unofficial-results__trashed', 'trashed slug gets __trashed');
    check(array_column($p['comments'], 'approved') === ['post-trashed'], 'comment of a trashed post is post-trashed');
}
if ($p = $get('أسعار النفط تستقر وسط ترقب لقرارات المنتجين')) {
    $c = array_values($p['comments']);
    check(count($c) === 1 && $c[0]['parent'] !== 0 && !isset($p['comments'][$c[0]['parent']]), 'oil post: one reply whose parent is missing');
    check(strpos($p['content'], '/2026/09/budget-2027-education-health/') !== false, 'internal link by permalink');
}
if ($p = $get('نادي النجوم يتصدر الدوري بعد فوز مثير في الوقت القاتل')) {
    check(array_map(fn ($c) => $c['approved'], array_values($p['comments'])) === ['1', '1', '1', '1'], 'match: spam not exported, four approved');
    check(strpos($p['content'], 'wp:embed') !== false, 'embed block');
}
if ($p = $get('بالصور: ليلة التتويج في ملعب المدينة')) check(preg_match('/\[gallery ids="\d+,\d+,\d+"/', $p['content']) === 1, 'gallery shortcode');
if ($p = $get('جولة في سوق التمور ببريدة مع بداية الموسم')) check(strpos($p['content'], '[caption id="attachment_') === 0, 'caption shortcode');
if ($p = $get('شاركونا رأيكم في تغطيتنا الرياضية')) check(strpos($p['content'], '[contact-form-7 id="1"') !== false, 'unknown shortcode');
if ($p = $get('فريق التحرير')) check($p['parent'] === $byTitle['من نحن'], 'child page');

// Comments by status across the export, and the staff replies.
$cst = []; $staff = 0; $ping = 0;
foreach ($items as $i) foreach ($i['comments'] as $c) { $cst[$c['approved']] = ($cst[$c['approved']] ?? 0) + 1; $staff += $c['user'] > 0; $ping += $c['type'] === 'pingback'; }
ksort($cst);
check($cst === ['0' => 2, '1' => 20, 'post-trashed' => 1, 'trash' => 1], 'comments by status: ' . json_encode($cst));
check($staff === 4, "four comments by staff users ($staff)");
check($ping === 1, 'one pingback');

// Images: every attachment's file is in the uploads copy, with its sizes.
foreach ($items as $id => $i) {
    if ($i['type'] !== 'attachment') continue;
    $prefix = rtrim($url, '/') . '/wp-content/uploads/';
    check(strpos($i['url'], $prefix) === 0, "attachment $id URL under $prefix");
    $rel = substr($i['url'], strlen($prefix));
    check(is_file("$uploads/$rel"), "attachment $id file $rel");
    $meta = @unserialize($i['meta']['_wp_attachment_metadata'][0] ?? '');
    check(is_array($meta) && $meta['file'] === $rel, "attachment $id metadata");
    foreach (($meta['sizes'] ?? []) as $size => $s) check(is_file("$uploads/" . dirname($rel) . '/' . $s['file']), "attachment $id size $size");
}

if ($errors) { fwrite(STDERR, "$file:\n  - " . implode("\n  - ", $errors) . "\n"); exit(1); }

if ($requests) {
    $path = fn ($u) => (string) parse_url($u, PHP_URL_PATH);
    foreach ($items as $i) {
        if (in_array($i['type'], ['post', 'page'], true) && $i['status'] === 'publish') echo "200 ", $path($i['link']), "\n";
    }
    $ai = $get('الذكاء الاصطناعي يدخل غرف الأخبار العربية');
    echo "301 ", $path($url), "/2026/10/ai-newsrooms/ ", $ai['link'], "\n";
    $heat = $get('موجة حر متأخرة تضرب المنطقة الوسطى');
    echo "301 ", $path($url), "/2026/10/late-heatwave-central-region/ ", $heat['link'], "\n";
    echo "404 ", $path($url), "/2026/09/unofficial-results/\n";
    exit(0);
}

echo basename($file), ": items by type/status: ", json_encode($counts), "\n";
echo basename($file), ": comments by status: ", json_encode($cst), " (spam is never exported)\n";
