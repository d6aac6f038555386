<?php
// Builds the Arabic test site through WordPress's own PHP API.
// Run by tests/wordpress/make_fixture.sh, never by hand:
//   php build_site.php install   (wp_install: tables, admin user, options)
//   php build_site.php content   (users, terms, images, posts, pages, comments)
// The database and the site URL come from the environment (QALAM_WP_DB,
// QALAM_WP_URL); QALAM_WP_ROOT is the private copy of /usr/share/wordpress.
//
// Every date is fixed so that two runs give the same export, apart from the
// two lines export_wp() stamps with the time of the export itself.

$phase = $argv[1] ?? '';
$root  = getenv('QALAM_WP_ROOT');
$url   = getenv('QALAM_WP_URL');
$work  = getenv('QALAM_WP_WORK');
if (!$root || !$url || !$work || !in_array($phase, ['install', 'content'], true)) {
    fwrite(STDERR, "usage: QALAM_WP_ROOT=… QALAM_WP_URL=… QALAM_WP_DB=… QALAM_WP_WORK=… php build_site.php install|content\n");
    exit(2);
}
$host = parse_url($url, PHP_URL_HOST);
$_SERVER['HTTP_HOST']   = $host;
$_SERVER['SERVER_NAME'] = $host;
$_SERVER['SERVER_PORT'] = 80;
$_SERVER['REQUEST_URI'] = (string) parse_url($url, PHP_URL_PATH) . '/';
$_SERVER['SCRIPT_NAME'] = (string) parse_url($url, PHP_URL_PATH) . '/index.php';

function fail($msg) { fwrite(STDERR, "build_site.php: $msg\n"); exit(1); }
function must($v, $what) {
    if (is_wp_error($v)) fail("$what: " . $v->get_error_message());
    if ($v === false || $v === 0 || $v === null) fail("$what failed");
    return $v;
}

if ($phase === 'install') {
    define('WP_INSTALLING', true);
    require $root . '/wp-load.php';
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    if (is_blog_installed()) fail('the database already holds a WordPress site');
    $r = wp_install('صحيفة الاختبار', 'hind', 'hind@example.test', true, '', 'fixture-only-password', 'ar');
    update_option('siteurl', $url);
    update_option('home', $url);
    echo "installed: admin user {$r['user_id']}\n";
    exit(0);
}

// ---------------------------------------------------------------- content
require $root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/post.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
global $wpdb, $wp_rewrite;

// The administrator made by wp_install; she has unfiltered_html, so block
// comments and shortcodes are stored as written. kses off for the same reason.
wp_set_current_user(1);
kses_remove_filters();

// Settings.
update_option('WPLANG', 'ar');
update_option('blogname', 'صحيفة الاختبار');
update_option('blogdescription', 'أخبار محلية ودولية على مدار الساعة');
update_option('timezone_string', 'Asia/Riyadh');
update_option('gmt_offset', '');
update_option('date_format', 'j F Y');
update_option('time_format', 'g:i a');
update_option('start_of_week', 6);
update_option('default_pingback_flag', 0);
update_option('ping_sites', '');
update_option('thread_comments', 1);
update_option('thread_comments_depth', 5);
update_option('uploads_use_yearmonth_folders', 1);
update_option('thumbnail_size_w', 150);
update_option('thumbnail_size_h', 150);
update_option('medium_size_w', 300);
update_option('medium_size_h', 300);
update_option('large_size_w', 1024);
update_option('large_size_h', 1024);
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%postname%/');
$wp_rewrite->set_category_base('');
$wp_rewrite->set_tag_base('');
flush_rewrite_rules(false);  // the option only: no .htaccess is written.

// The default content of wp_install (WordPress's "Hello world!", sample page,
// privacy policy draft and first comment) is not ours: remove it, so the
// fixture's IDs start after a gap, as on a real site.
foreach ([1, 2, 3] as $id) { wp_delete_post($id, true); }
wp_delete_comment(1, true);

// ---------------------------------------------------------------- users
$admin = 1;
wp_update_user([
    'ID' => $admin, 'display_name' => 'هند العتيبي', 'nickname' => 'هند العتيبي',
    'first_name' => 'هند', 'last_name' => 'العتيبي', 'user_url' => 'http://news.example.test/',
    'description' => 'رئيسة التحرير. عملت في الصحافة المحلية عشرين عاماً قبل أن تؤسس «صحيفة الاختبار».',
]);
$wpdb->update($wpdb->users, ['user_registered' => '2026-08-01 06:00:00'], ['ID' => $admin]);

function mkuser($login, $role, $first, $last, $bio, $registered) {
    global $wpdb;
    $id = must(wp_insert_user([
        'user_login' => $login, 'user_pass' => 'fixture-only-password',
        'user_email' => "$login@example.test", 'role' => $role,
        'first_name' => $first, 'last_name' => $last,
        'display_name' => "$first $last", 'nickname' => "$first $last",
        'description' => $bio,
    ]), "user $login");
    $wpdb->update($wpdb->users, ['user_registered' => $registered], ['ID' => $id]);
    return $id;
}
$khalid = mkuser('khalid', 'editor', 'خالد', 'المنصور',
    'مدير التحرير، يتابع الشؤون المحلية والبلديات منذ عام ٢٠١٢.', '2026-08-02 07:30:00');
$noura  = mkuser('noura', 'author', 'نورة', 'القحطاني',
    'محررة اقتصادية تكتب عن الميزانية والطاقة والتقنية.', '2026-08-03 08:00:00');
$yousef = mkuser('yousef', 'author', 'يوسف', 'الدوسري',
    'محرر رياضي يغطي الدوري المحلي والمنتخبات الوطنية.', '2026-08-04 09:15:00');
$ahmad  = mkuser('ahmad', 'contributor', 'أحمد', 'السالم',
    'كاتب متعاون من جدة، يهتم بالمبادرات الشبابية والعمل التطوعي.', '2026-08-20 18:45:00');

// ---------------------------------------------------------------- terms
function mkterm($name, $tax, $args = []) {
    $r = must(wp_insert_term($name, $tax, $args), "term $name");
    return (int) $r['term_id'];
}
// Category 1 is WordPress's default, named from the Arabic language pack.
$c_local   = mkterm('محليات', 'category', ['description' => 'أخبار المدن والبلديات والخدمات.']);
$c_economy = mkterm('اقتصاد', 'category', ['slug' => 'economy', 'description' => 'الميزانية والأسواق والطاقة.']);
$c_sports  = mkterm('رياضة', 'category', ['slug' => 'sports']);
$c_football = mkterm('كرة القدم', 'category', ['slug' => 'football', 'parent' => $c_sports, 'description' => 'الدوري والمنتخبات.']);
$c_culture = mkterm('ثقافة', 'category');
$c_tech    = mkterm('تقنية', 'category', ['slug' => 'tech']);

$t_riyadh  = mkterm('الرياض', 'post_tag');
$t_weather = mkterm('الطقس', 'post_tag');
$t_budget  = mkterm('الميزانية', 'post_tag');
$t_oil     = mkterm('النفط', 'post_tag', ['slug' => 'oil']);
$t_league  = mkterm('الدوري', 'post_tag');
$t_books   = mkterm('معرض الكتاب', 'post_tag');
$t_ai      = mkterm('الذكاء الاصطناعي', 'post_tag', ['slug' => 'ai', 'description' => 'كل ما يخص الذكاء الاصطناعي وتطبيقاته.']);
$t_edu     = mkterm('التعليم', 'post_tag');

// ---------------------------------------------------------------- images
// Drawn with GD, deterministic (no randomness, no text: GD has no Arabic
// shaping), then sideloaded so WordPress makes the attachment and its sizes.
function draw_image($path, $w, $h, $type, $c1, $c2, $shapes) {
    $im = imagecreatetruecolor($w, $h);
    for ($y = 0; $y < $h; $y++) {
        $t = $y / max(1, $h - 1);
        $col = imagecolorallocate($im,
            (int) ($c1[0] + ($c2[0] - $c1[0]) * $t),
            (int) ($c1[1] + ($c2[1] - $c1[1]) * $t),
            (int) ($c1[2] + ($c2[2] - $c1[2]) * $t));
        imageline($im, 0, $y, $w - 1, $y, $col);
    }
    foreach ($shapes as $s) {
        $col = imagecolorallocate($im, $s[1][0], $s[1][1], $s[1][2]);
        $p = $s[2];
        if ($s[0] === 'rect') imagefilledrectangle($im, (int) ($p[0] * $w), (int) ($p[1] * $h), (int) ($p[2] * $w), (int) ($p[3] * $h), $col);
        if ($s[0] === 'disc') imagefilledellipse($im, (int) ($p[0] * $w), (int) ($p[1] * $h), (int) ($p[2] * $w), (int) ($p[2] * $w), $col);
    }
    if ($type === 'jpeg') imagejpeg($im, $path, 70); else imagepng($im, $path, 9);
    imagedestroy($im);
}
$imgdir = "$work/images";
wp_mkdir_p($imgdir);
$skyline = [];
foreach ([[0.05, 0.45, 0.12], [0.15, 0.30, 0.22], [0.28, 0.55, 0.36], [0.40, 0.20, 0.46], [0.50, 0.40, 0.60], [0.64, 0.50, 0.70], [0.74, 0.35, 0.82], [0.86, 0.60, 0.95]] as $b) {
    $skyline[] = ['rect', [40, 45, 70], [$b[0], $b[1], $b[2], 1.0]];
}
$images = [
    // key => [file, w, h, type, colour top, colour bottom, shapes, date, title, alt, caption, description]
    'skyline' => ['riyadh-skyline.jpg', 1200, 800, 'jpeg', [250, 170, 90], [120, 60, 110],
        array_merge([['disc', [255, 230, 160], [0.75, 0.30, 0.14]]], $skyline), '2026-09-03 08:40:00',
        'riyadh-skyline', 'أفق مدينة الرياض عند الغروب', 'أفق الرياض كما يبدو من الحديقة الجديدة في حي الملقا.', ''],
    'dates' => ['سوق-التمور.jpg', 1000, 667, 'jpeg', [230, 200, 150], [150, 95, 50],
        [['rect', [110, 60, 30], [0.05, 0.55, 0.30, 0.95]], ['rect', [90, 45, 20], [0.35, 0.50, 0.62, 0.95]], ['rect', [130, 75, 35], [0.67, 0.58, 0.95, 0.95]],
         ['disc', [70, 30, 15], [0.17, 0.60, 0.08]], ['disc', [70, 30, 15], [0.48, 0.56, 0.08]], ['disc', [70, 30, 15], [0.81, 0.63, 0.08]]], '2026-10-08 10:05:00',
        'سوق التمور', 'صناديق التمر معروضة في سوق بريدة', 'باعة التمور في سوق بريدة صباح الافتتاح.', 'صورة من جولة «صحيفة الاختبار» في القصيم.'],
    'stadium' => ['stadium-night.jpg', 1600, 900, 'jpeg', [10, 20, 50], [20, 90, 40],
        [['rect', [30, 130, 60], [0.0, 0.62, 1.0, 1.0]], ['rect', [240, 240, 240], [0.49, 0.62, 0.51, 1.0]],
         ['disc', [255, 255, 220], [0.10, 0.12, 0.05]], ['disc', [255, 255, 220], [0.90, 0.12, 0.05]]], '2026-09-18 22:30:00',
        'stadium-night', '', '', ''],
    'bookfair' => ['book-fair-hall.jpg', 900, 600, 'jpeg', [245, 240, 230], [200, 190, 170],
        [['rect', [160, 40, 40], [0.05, 0.30, 0.25, 0.90]], ['rect', [40, 90, 160], [0.30, 0.25, 0.50, 0.90]], ['rect', [40, 130, 80], [0.55, 0.35, 0.75, 0.90]], ['rect', [200, 150, 40], [0.80, 0.28, 0.95, 0.90]]], '2026-10-01 11:00:00',
        'book-fair-hall', 'أجنحة دور النشر في قاعة المعرض', 'أجنحة دور النشر في اليوم الأول للمعرض.', ''],
    'budget' => ['budget-chart.png', 800, 500, 'png', [255, 255, 255], [255, 255, 255],
        [['rect', [52, 101, 164], [0.10, 0.55, 0.22, 0.90]], ['rect', [52, 101, 164], [0.30, 0.40, 0.42, 0.90]], ['rect', [52, 101, 164], [0.50, 0.30, 0.62, 0.90]],
         ['rect', [204, 102, 51], [0.70, 0.20, 0.82, 0.90]], ['rect', [60, 60, 60], [0.05, 0.90, 0.95, 0.905]]], '2026-09-10 07:50:00',
        'budget-chart', 'رسم بياني لتوزيع الإنفاق في الميزانية', 'توزيع الإنفاق حسب القطاعات (تقديرات الصحيفة).', 'رسم بياني أعده قسم الاقتصاد.'],
    'logo' => ['newsroom-logo.png', 600, 600, 'png', [0, 98, 65], [0, 98, 65],
        [['disc', [255, 255, 255], [0.5, 0.5, 0.62]], ['disc', [0, 98, 65], [0.5, 0.5, 0.50]], ['rect', [255, 255, 255], [0.47, 0.25, 0.53, 0.75]]], '2026-08-05 12:00:00',
        'newsroom-logo', 'شعار صحيفة الاختبار', '', 'الشعار الرسمي للصحيفة.'],
];
$att = [];
foreach ($images as $key => $im) {
    [$file, $w, $h, $type, $c1, $c2, $shapes, $date, $title, $alt, $caption, $desc] = $im;
    $src = "$imgdir/$file";
    draw_image($src, $w, $h, $type, $c1, $c2, $shapes);
    $tmp = "$imgdir/upload-$key." . ($type === 'jpeg' ? 'jpg' : 'png');
    copy($src, $tmp);  // media_handle_sideload moves the file it is given.
    $id = must(media_handle_sideload(['name' => $file, 'tmp_name' => $tmp], 0, null, [
        'post_date' => $date, 'post_title' => $title, 'post_excerpt' => $caption,
        'post_content' => $desc, 'post_author' => $admin,
    ]), "sideload $file");
    if ($alt !== '') update_post_meta($id, '_wp_attachment_image_alt', $alt);
    $att[$key] = $id;
}

// ---------------------------------------------------------------- posts
// Content may hold placeholders resolved once every post exists:
//   {{ID:key}} attachment ID, {{IMG:key:size}} its URL, {{W:key:size}} and
//   {{H:key:size}} its width and height, {{LINK:postkey}} a post's permalink.
$P = [];
function mkpost($key, $a) {
    global $P;
    $defaults = ['post_type' => 'post', 'post_status' => 'publish', 'comment_status' => 'open', 'ping_status' => 'closed'];
    $a = array_merge($defaults, $a);
    $meta = $a['meta'] ?? []; unset($a['meta']);
    $tags = $a['tags'] ?? []; unset($a['tags']);
    $thumb = $a['thumb'] ?? null; unset($a['thumb']);
    $sticky = $a['sticky'] ?? false; unset($a['sticky']);
    $format = $a['format'] ?? null; unset($a['format']);
    $id = must(wp_insert_post(wp_slash($a), true), "post $key");
    if ($tags) wp_set_post_tags($id, $tags);
    foreach ($meta as $k => $v) update_post_meta($id, $k, $v);
    if ($thumb) set_post_thumbnail($id, $thumb);
    if ($sticky) stick_post($id);
    if ($format) set_post_format($id, $format);
    $P[$key] = $id;
    return $id;
}

// 1. Classic editor (no blocks): wpautop paragraphs, single newlines, more tag.
mkpost('parks', [
    'post_author' => $khalid, 'post_date' => '2026-09-03 09:15:00',
    'post_title' => 'أمانة الرياض تفتتح ثلاث حدائق عامة في شمال المدينة',
    'post_name' => 'حدائق-الرياض-الجديدة',
    'post_category' => [$c_local], 'tags' => ['الرياض'], 'thumb' => $att['skyline'],
    'post_excerpt' => 'ثلاث حدائق جديدة بمساحة تتجاوز أربعين ألف متر مربع، وخمس أخرى قبل نهاية العام المقبل.',
    'post_content' => "افتتحت أمانة منطقة الرياض صباح اليوم ثلاث حدائق عامة جديدة في أحياء الملقا والياسمين والنرجس، بمساحة إجمالية تتجاوز أربعين ألف متر مربع.

وقال المتحدث باسم الأمانة إن الحدائق تضم <strong>مسارات للمشي</strong> وملاعب للأطفال ومناطق مظللة للجلوس.
وأضاف أن الأمانة تعتزم افتتاح خمس حدائق أخرى قبل نهاية العام المقبل.

<!--more-->

وتأتي هذه الخطوة ضمن <a href=\"http://news.example.test/?s=المساحات+الخضراء\">برنامج المساحات الخضراء</a> الذي يهدف إلى زيادة نصيب الفرد من المساحات المزروعة في العاصمة.

<em>وأبدى عدد من سكان الأحياء المجاورة ارتياحهم للمشروع</em>، مطالبين بزيادة دورات المياه العامة وتحسين الإنارة الليلية.",
]);

// 2. Blocks: paragraph, heading, list, image, table, separator; two categories.
mkpost('budget', [
    'post_author' => $noura, 'post_date' => '2026-09-10 08:00:00',
    'post_title' => 'الميزانية العامة: ارتفاع الإنفاق على التعليم والصحة',
    'post_name' => 'budget-2027-education-health',
    'post_category' => [$c_economy, $c_local], 'tags' => ['الميزانية', 'التعليم'], 'thumb' => $att['budget'],
    'post_excerpt' => 'التعليم والصحة يستحوذان على أكثر من ثلث الإنفاق المقدّر في الميزانية الجديدة.',
    'post_content' => '<!-- wp:paragraph -->
<p>أعلنت وزارة المالية أمس تفاصيل الميزانية العامة للعام المقبل، وجاء فيها أن الإنفاق على التعليم والصحة سيرتفع بنسبة تسعة في المئة مقارنة بالعام الحالي.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>أبرز الأرقام</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><!-- wp:list-item -->
<li>التعليم: <strong>١٩٥</strong> مليار ريال</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>الصحة والتنمية الاجتماعية: ١٨٠ مليار ريال</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>البنية التحتية والنقل: ٤٢ مليار ريال</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:image {"id":{{ID:budget}},"sizeSlug":"full","linkDestination":"none"} -->
<figure class="wp-block-image size-full"><img src="{{IMG:budget:full}}" alt="رسم بياني لتوزيع الإنفاق في الميزانية" class="wp-image-{{ID:budget}}"/><figcaption class="wp-element-caption">توزيع الإنفاق حسب القطاعات.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:heading {"level":3} -->
<h3>مقارنة بالعام الحالي</h3>
<!-- /wp:heading -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>القطاع</th><th>العام الحالي</th><th>العام المقبل</th></tr></thead><tbody><tr><td>التعليم</td><td>١٨٠</td><td>١٩٥</td></tr><tr><td>الصحة</td><td>١٦٥</td><td>١٨٠</td></tr></tbody></table><figcaption class="wp-element-caption">بالمليار ريال</figcaption></figure>
<!-- /wp:table -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:paragraph -->
<p>ويتوقع محللون أن ينعكس ارتفاع الإنفاق على سوق العمل خلال النصف الأول من العام.</p>
<!-- /wp:paragraph -->',
]);

// 3. Blocks with a YouTube embed; child category; post format "video".
mkpost('match', [
    'post_author' => $yousef, 'post_date' => '2026-09-18 23:40:00',
    'post_title' => 'نادي النجوم يتصدر الدوري بعد فوز مثير في الوقت القاتل',
    'post_name' => 'najoom-top-of-the-league',
    'post_category' => [$c_football], 'tags' => ['الدوري'], 'thumb' => $att['stadium'], 'format' => 'video',
    'post_content' => '<!-- wp:paragraph -->
<p>انتزع نادي النجوم صدارة الدوري بعد فوزه على ضيفه نادي الساحل بهدفين مقابل هدف، سجّل ثانيهما في الدقيقة الرابعة والتسعين.</p>
<!-- /wp:paragraph -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=Qa1amTest01","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=Qa1amTest01
</div><figcaption class="wp-element-caption">ملخص المباراة</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:paragraph -->
<p>وبهذا الفوز يرفع النجوم رصيده إلى اثنتين وعشرين نقطة، متقدماً بفارق نقطتين على أقرب ملاحقيه.</p>
<!-- /wp:paragraph -->',
]);

// 4. Blocks with a quote; links to post 2 by its permalink; a custom field.
mkpost('oil', [
    'post_author' => $noura, 'post_date' => '2026-09-25 14:20:00',
    'post_title' => 'أسعار النفط تستقر وسط ترقب لقرارات المنتجين',
    'post_name' => 'أسعار-النفط',
    'post_category' => [$c_economy], 'tags' => ['النفط'],
    'meta' => ['source_name' => 'قسم الاقتصاد'],
    'post_content' => '<!-- wp:paragraph -->
<p>استقرت أسعار النفط في تعاملات اليوم، إذ يترقب المتعاملون اجتماع كبار المنتجين الأسبوع المقبل.</p>
<!-- /wp:paragraph -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>السوق متوازنة في الوقت الحالي، لكن أي خفض جديد للإنتاج سيدفع الأسعار إلى الارتفاع.</p>
<!-- /wp:paragraph --><cite>محلل في قطاع الطاقة</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:paragraph -->
<p>ويأتي ذلك بعد أسبوعين من إعلان <a href="{{LINK:budget}}">الميزانية العامة</a> التي بُنيت على تقديرات متحفظة لأسعار الخام.</p>
<!-- /wp:paragraph -->',
]);

// 5. Gallery block; sticky; the book fair.
mkpost('bookfair', [
    'post_author' => $khalid, 'post_date' => '2026-10-01 10:00:00',
    'post_title' => 'معرض الرياض الدولي للكتاب يفتح أبوابه بمشاركة ألف دار نشر',
    'post_name' => 'riyadh-book-fair-opens',
    'post_category' => [$c_culture, $c_local], 'tags' => ['معرض الكتاب', 'الرياض'], 'thumb' => $att['bookfair'], 'sticky' => true,
    'post_excerpt' => 'ألف دار نشر من ثلاثين دولة، وبرنامج ثقافي يمتد عشرة أيام.',
    'post_content' => '<!-- wp:paragraph -->
<p>فتح معرض الرياض الدولي للكتاب أبوابه للزوار مساء أمس، بمشاركة أكثر من ألف دار نشر من ثلاثين دولة.</p>
<!-- /wp:paragraph -->

<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":{{ID:bookfair}},"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="{{IMG:bookfair:large}}" alt="أجنحة دور النشر في قاعة المعرض" class="wp-image-{{ID:bookfair}}"/></figure>
<!-- /wp:image -->

<!-- wp:image {"id":{{ID:skyline}},"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="{{IMG:skyline:large}}" alt="أفق مدينة الرياض عند الغروب" class="wp-image-{{ID:skyline}}"/></figure>
<!-- /wp:image -->

<!-- wp:image {"id":{{ID:logo}},"sizeSlug":"medium","linkDestination":"none"} -->
<figure class="wp-block-image size-medium"><img src="{{IMG:logo:medium}}" alt="شعار صحيفة الاختبار" class="wp-image-{{ID:logo}}"/></figure>
<!-- /wp:image --><figcaption class="blocks-gallery-caption wp-element-caption">من اليوم الأول للمعرض</figcaption></figure>
<!-- /wp:gallery -->

<!-- wp:paragraph -->
<p>ويتضمن البرنامج الثقافي ندوات وأمسيات شعرية وورش عمل للأطفال طوال أيام المعرض العشرة.</p>
<!-- /wp:paragraph -->',
]);

// 6. Classic content with a [caption] shortcode around an inline image.
mkpost('datesmarket', [
    'post_author' => $admin, 'post_date' => '2026-10-08 11:30:00',
    'post_title' => 'جولة في سوق التمور ببريدة مع بداية الموسم',
    'post_category' => [$c_local, $c_culture], 'thumb' => $att['dates'],
    'post_content' => "[caption id=\"attachment_{{ID:dates}}\" align=\"alignleft\" width=\"300\"]<img class=\"size-medium wp-image-{{ID:dates}}\" src=\"{{IMG:dates:medium}}\" alt=\"صناديق التمر معروضة في سوق بريدة\" width=\"{{W:dates:medium}}\" height=\"{{H:dates:medium}}\" /> باعة التمور في سوق بريدة صباح الافتتاح.[/caption]

مع انطلاق موسم التمور، امتلأت ساحات سوق بريدة بالمزارعين والتجار القادمين من مختلف مناطق المملكة.

ويقول أحد الباعة إن الإقبال هذا العام أكبر من المعتاد، وإن أسعار الأصناف الفاخرة ارتفعت قليلاً بسبب قلة المعروض.",
]);

// 7. [gallery ids="…"] shortcode.
mkpost('ceremony', [
    'post_author' => $yousef, 'post_date' => '2026-10-15 21:00:00',
    'post_title' => 'بالصور: ليلة التتويج في ملعب المدينة',
    'post_name' => 'photos-trophy-night',
    'post_category' => [$c_sports],
    'post_content' => "احتفل لاعبو نادي النجوم وجماهيره بالتتويج بكأس السوبر في ليلة امتدت حتى ساعات الفجر الأولى.

[gallery ids=\"{{ID:stadium}},{{ID:skyline}},{{ID:logo}}\" columns=\"3\" size=\"medium\"]

وتسلّم قائد الفريق الكأس وسط أجواء احتفالية ملأت المدرجات.",
]);

// 8. Slug changed after publishing: WordPress keeps the old one (_wp_old_slug) for the redirect.
mkpost('ai', [
    'post_author' => $noura, 'post_date' => '2026-10-22 09:45:00',
    'post_title' => 'الذكاء الاصطناعي يدخل غرف الأخبار العربية',
    'post_name' => 'ai-newsrooms',
    'post_category' => [$c_tech], 'tags' => ['الذكاء الاصطناعي'],
    'post_excerpt' => 'أدوات جديدة للتفريغ الصوتي والترجمة، ومخاوف من أخطاء لا يراها أحد.',
    'post_content' => '<!-- wp:paragraph -->
<p>بدأت مؤسسات إعلامية عربية عدة في استخدام أدوات الذكاء الاصطناعي لتفريغ المقابلات وترجمة البيانات الصحفية.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>ما الذي تغيّر؟</h2>
<!-- /wp:heading -->

<!-- wp:list {"ordered":true} -->
<ol><!-- wp:list-item -->
<li>تفريغ التسجيلات الصوتية في دقائق بدلاً من ساعات.</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>اقتراح عناوين بديلة يراجعها المحرر قبل النشر.</li>
<!-- /wp:list-item --></ol>
<!-- /wp:list -->

<!-- wp:paragraph -->
<p>غير أن المحررين يحذّرون من الاعتماد الكامل على هذه الأدوات دون مراجعة بشرية دقيقة.</p>
<!-- /wp:paragraph -->',
]);

// 9. Date changed after publishing: WordPress keeps the old date (_wp_old_date).
mkpost('heat', [
    'post_author' => $khalid, 'post_date' => '2026-10-28 07:10:00',
    'post_title' => 'موجة حر متأخرة تضرب المنطقة الوسطى',
    'post_name' => 'late-heatwave-central-region',
    'post_category' => [$c_local], 'tags' => ['الطقس', 'الرياض'],
    'post_content' => '<!-- wp:paragraph -->
<p>توقع المركز الوطني للأرصاد أن تتجاوز درجات الحرارة أربعين درجة مئوية في الرياض والقصيم خلال اليومين المقبلين، وهو ارتفاع غير معتاد في هذا الوقت من العام.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>ودعا المركز إلى تجنب التعرض المباشر لأشعة الشمس في ساعات الظهيرة.</p>
<!-- /wp:paragraph -->',
]);

// 10. Two tags, two authors' worth of comments.
mkpost('rain', [
    'post_author' => $admin, 'post_date' => '2026-11-05 20:30:00',
    'post_title' => 'تعليق الدراسة الحضورية غداً بسبب الأمطار',
    'post_name' => 'schools-closed-rain',
    'post_category' => [$c_local], 'tags' => ['التعليم', 'الطقس'],
    'post_content' => '<!-- wp:paragraph -->
<p>أعلنت إدارة التعليم تعليق الدراسة الحضورية في جميع مدارس المنطقة يوم غد، والتحول إلى التعليم عن بعد، بسبب توقعات بهطول أمطار غزيرة.</p>
<!-- /wp:paragraph -->',
]);

// 11. By the contributor, published by the editor; no category: WordPress files it under category 1.
mkpost('beach', [
    'post_author' => $ahmad, 'post_date' => '2026-11-12 17:00:00',
    'post_title' => 'مبادرة شبابية لتنظيف شاطئ جدة',
    'post_name' => 'jeddah-beach-cleanup',
    'post_content' => '<!-- wp:paragraph -->
<p>شارك أكثر من مئتي متطوع في حملة لتنظيف الواجهة البحرية في جدة، جمعوا خلالها نحو طنين من النفايات البلاستيكية.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>وقال منظمو الحملة إنهم يخططون لتكرارها مرة كل شهر.</p>
<!-- /wp:paragraph -->',
]);

// 12. Blocks; football.
mkpost('squad', [
    'post_author' => $yousef, 'post_date' => '2026-11-19 13:00:00',
    'post_title' => 'المنتخب يعلن قائمته لبطولة كأس الخليج',
    'post_name' => 'national-team-squad',
    'post_category' => [$c_football], 'tags' => ['الدوري'],
    'post_content' => '<!-- wp:paragraph -->
<p>أعلن الجهاز الفني للمنتخب قائمة تضم ستة وعشرين لاعباً استعداداً لبطولة كأس الخليج، بينهم أربعة وجوه جديدة.</p>
<!-- /wp:paragraph -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>اخترنا اللاعبين الأكثر جاهزية، والباب مفتوح للجميع.</p>
<!-- /wp:paragraph --><cite>مدرب المنتخب</cite></blockquote>
<!-- /wp:quote -->',
]);

// 13. Password-protected (still "publish").
mkpost('protected', [
    'post_author' => $khalid, 'post_date' => '2026-11-20 08:00:00',
    'post_title' => 'للمشتركين: القراءة الكاملة لأرقام الميزانية',
    'post_name' => 'budget-full-analysis',
    'post_category' => [$c_economy], 'post_password' => 'qalam-2026',
    'post_content' => '<!-- wp:paragraph -->
<p>هذا التحليل متاح للمشتركين فقط، ويتناول توزيع الإنفاق على المناطق بالتفصيل.</p>
<!-- /wp:paragraph -->',
]);

// 14. Private.
mkpost('private', [
    'post_author' => $admin, 'post_date' => '2026-11-21 10:00:00', 'post_status' => 'private',
    'post_title' => 'ملاحظات اجتماع التحرير الأسبوعي',
    'post_name' => 'editorial-meeting-notes',
    'post_category' => [$c_local],
    'post_content' => '<!-- wp:paragraph -->
<p>تقرر في الاجتماع تخصيص صفحة أسبوعية للمبادرات التطوعية، ومراجعة سياسة التعليقات قبل نهاية الشهر.</p>
<!-- /wp:paragraph -->',
]);

// 15. Draft (post_date_gmt stays 0000-00-00 00:00:00: drafts have no fixed date).
mkpost('draft', [
    'post_author' => $noura, 'post_date' => '2026-11-24 16:00:00', 'post_status' => 'draft',
    'post_title' => 'مسودة: قراءة في تقرير التضخم',
    'post_category' => [$c_economy],
    'post_content' => '<!-- wp:paragraph -->
<p>يُظهر التقرير تراجع معدل التضخم إلى اثنين في المئة، وتبقى أسعار السكن العامل الأكثر تأثيراً.</p>
<!-- /wp:paragraph -->',
]);

// 16. Pending review, by the contributor.
mkpost('pending', [
    'post_author' => $ahmad, 'post_date' => '2026-11-25 19:20:00', 'post_status' => 'pending',
    'post_title' => 'قصة نجاح: مقهى في جدة يوظف ذوي الإعاقة',
    'post_name' => 'jeddah-inclusive-cafe',
    'post_category' => [$c_local],
    'post_content' => '<!-- wp:paragraph -->
<p>يعمل في المقهى ثمانية موظفين من ذوي الإعاقة السمعية، ويتواصل معهم الزبائن عبر لوحة مصورة للطلبات.</p>
<!-- /wp:paragraph -->',
]);

// 17. Scheduled for the future.
mkpost('future', [
    'post_author' => $yousef, 'post_date' => '2030-01-15 18:00:00',
    'post_title' => 'انطلاق الموسم الجديد للدوري',
    'post_name' => 'new-season-kickoff',
    'post_category' => [$c_sports], 'tags' => ['الدوري'],
    'post_content' => '<!-- wp:paragraph -->
<p>تنطلق مساء اليوم منافسات الموسم الجديد بمواجهة تجمع حامل اللقب ووصيفه.</p>
<!-- /wp:paragraph -->',
]);

// 18. Published by mistake, commented on, then trashed (see below).
mkpost('trashed', [
    'post_author' => $khalid, 'post_date' => '2026-09-12 12:00:00',
    'post_title' => 'نتائج غير رسمية للانتخابات البلدية',
    'post_name' => 'unofficial-results',
    'post_category' => [$c_local],
    'post_content' => '<!-- wp:paragraph -->
<p>نُشر هذا الخبر بالخطأ قبل اعتماد النتائج الرسمية.</p>
<!-- /wp:paragraph -->',
]);

// 19. Unknown shortcode, in a post as well as in the contact page.
mkpost('survey', [
    'post_author' => $khalid, 'post_date' => '2026-11-26 09:00:00',
    'post_title' => 'شاركونا رأيكم في تغطيتنا الرياضية',
    'post_name' => 'sports-coverage-survey',
    'post_category' => [$c_sports],
    'post_content' => "نسعى إلى تطوير تغطيتنا الرياضية، ويسعدنا أن تشاركونا آراءكم عبر النموذج التالي.

[contact-form-7 id=\"1\" title=\"استبيان الرياضة\"]

شكراً لكل من شارك.",
]);

// ---------------------------------------------------------------- pages
mkpost('about', [
    'post_type' => 'page', 'post_author' => $admin, 'post_date' => '2026-08-05 12:00:00', 'menu_order' => 1,
    'comment_status' => 'closed', 'post_title' => 'من نحن', 'post_name' => 'about-us',
    'post_content' => '<!-- wp:paragraph -->
<p>«صحيفة الاختبار» صحيفة إلكترونية مستقلة تأسست عام ٢٠٢٦، تغطي الأخبار المحلية والاقتصاد والرياضة والثقافة.</p>
<!-- /wp:paragraph -->

<!-- wp:image {"id":{{ID:logo}},"sizeSlug":"thumbnail","linkDestination":"none","align":"center"} -->
<figure class="wp-block-image aligncenter size-thumbnail"><img src="{{IMG:logo:thumbnail}}" alt="شعار صحيفة الاختبار" class="wp-image-{{ID:logo}}"/></figure>
<!-- /wp:image -->',
]);
mkpost('team', [
    'post_type' => 'page', 'post_author' => $admin, 'post_date' => '2026-08-05 12:10:00', 'menu_order' => 2,
    'post_parent' => $P['about'], 'comment_status' => 'closed',
    'post_title' => 'فريق التحرير', 'post_name' => 'team',
    'post_content' => '<!-- wp:list -->
<ul><!-- wp:list-item -->
<li>هند العتيبي: رئيسة التحرير</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>خالد المنصور: مدير التحرير</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->',
]);
mkpost('contact', [
    'post_type' => 'page', 'post_author' => $admin, 'post_date' => '2026-08-05 12:20:00', 'menu_order' => 3,
    'comment_status' => 'closed', 'post_title' => 'اتصل بنا', 'post_name' => 'contact',
    'post_content' => "يسعدنا تواصلكم عبر البريد الإلكتروني desk@example.test أو عبر النموذج التالي:

[contact-form-7 id=\"1\" title=\"نموذج الاتصال\"]",
]);
mkpost('privacy', [
    'post_type' => 'page', 'post_author' => $admin, 'post_date' => '2026-08-05 12:30:00', 'menu_order' => 4,
    'comment_status' => 'closed', 'post_title' => 'سياسة الخصوصية',  // Arabic slug from the title.
    'post_content' => '<!-- wp:heading -->
<h2>ما البيانات التي نجمعها؟</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>نحفظ الاسم والبريد الإلكتروني اللذين يكتبهما المعلّق، ولا نشاركهما مع أي طرف آخر.</p>
<!-- /wp:paragraph -->',
]);
update_option('wp_page_for_privacy_policy', $P['privacy']);
mkpost('ads', [
    'post_type' => 'page', 'post_author' => $khalid, 'post_date' => '2026-11-27 10:00:00', 'post_status' => 'draft',
    'comment_status' => 'closed', 'post_title' => 'أعلن معنا', 'post_name' => 'advertise',
    'post_content' => '<!-- wp:paragraph -->
<p>صفحة قيد الإعداد: باقات الإعلان وأسعارها.</p>
<!-- /wp:paragraph -->',
]);

// Attach images to the posts that first used them; newsroom-logo stays unattached.
foreach (['skyline' => 'parks', 'budget' => 'budget', 'stadium' => 'match', 'bookfair' => 'bookfair', 'dates' => 'datesmarket'] as $k => $p) {
    must(wp_update_post(['ID' => $att[$k], 'post_parent' => $P[$p]], true), "attach $k");
}

// Resolve placeholders (a direct update: the content was already stored through wp_insert_post).
foreach ($P as $key => $id) {
    $c = get_post_field('post_content', $id, 'raw');
    $c2 = preg_replace_callback('/\{\{(ID|IMG|W|H|LINK):([a-z]+)(?::([a-z_]+))?\}\}/', function ($m) use ($att, $P) {
        if ($m[1] === 'LINK') return get_permalink($P[$m[2]]);
        $a = $att[$m[2]] ?? fail("no image {$m[2]}");
        if ($m[1] === 'ID') return (string) $a;
        $src = wp_get_attachment_image_src($a, $m[3]) ?: fail("no size {$m[3]} of {$m[2]}");
        return (string) ['IMG' => $src[0], 'W' => $src[1], 'H' => $src[2]][$m[1]];
    }, $c);
    if ($c2 !== $c) $wpdb->update($wpdb->posts, ['post_content' => $c2], ['ID' => $id]);
}
clean_post_cache(0);
wp_cache_flush();

// Redirects: a new slug and a new date after publication.
must(wp_update_post(['ID' => $P['ai'], 'post_name' => 'ai-in-arab-newsrooms'], true), 'rename ai');
must(wp_update_post(['ID' => $P['heat'], 'post_date' => '2026-11-02 07:10:00', 'post_date_gmt' => get_gmt_from_date('2026-11-02 07:10:00'), 'edit_date' => true], true), 'redate heat');

// ---------------------------------------------------------------- comments
$C = [];
function mkcomment($key, $postkey, $a) {
    global $P, $C;
    $date = $a['date']; unset($a['date']);
    $parent = isset($a['parent']) ? $C[$a['parent']] : 0; unset($a['parent']);
    $d = array_merge([
        'comment_post_ID' => $P[$postkey], 'comment_date' => $date, 'comment_date_gmt' => get_gmt_from_date($date),
        'comment_approved' => 1, 'comment_parent' => $parent, 'comment_type' => 'comment',
        'comment_author_IP' => '192.0.2.' . (10 + count($C)), 'comment_agent' => 'Mozilla/5.0 (Fixture)', 'comment_author_url' => '',
    ], $a);
    global $wpdb;
    $id = must(wp_insert_comment(wp_slash($d)), "comment $key " . $wpdb->last_error);
    $C[$key] = $id;
    return $id;
}
function reader($name, $mail) { return ['comment_author' => $name, 'comment_author_email' => "$mail@example.test"]; }
function staff($uid) {
    $u = get_userdata($uid);
    return ['comment_author' => $u->display_name, 'comment_author_email' => $u->user_email, 'user_id' => $uid, 'comment_author_url' => $u->user_url];
}

// Post 1 (parks): a thread two levels deep, a staff reply, one pending.
mkcomment('p1', 'parks', reader('سارة', 'sara') + ['date' => '2026-09-03 10:02:00', 'comment_content' => 'خبر جميل، نتمنى أن تصل الحدائق إلى الأحياء الجنوبية أيضاً.']);
mkcomment('p1r1', 'parks', reader('فهد', 'fahad') + ['parent' => 'p1', 'date' => '2026-09-03 10:40:00', 'comment_content' => 'أتفق معك، حي الشفا يحتاج إلى حديقة منذ سنوات.']);
mkcomment('p1r1r', 'parks', staff($khalid) + ['parent' => 'p1r1', 'date' => '2026-09-03 11:15:00', 'comment_content' => "شكراً لكما. سألنا الأمانة عن الأحياء الجنوبية، وسننشر ردّها فور وصوله.\nفريق التحرير"]);
mkcomment('p1b', 'parks', reader('عبدالله', 'abdullah') + ['date' => '2026-09-03 12:30:00', 'comment_author_url' => 'http://abdullah.example.test/', 'comment_content' => 'هل الحدائق مفتوحة طوال اليوم؟']);
mkcomment('p1br', 'parks', reader('منيرة', 'munira') + ['parent' => 'p1b', 'date' => '2026-09-03 13:05:00', 'comment_content' => 'نعم، من السادسة صباحاً حتى منتصف الليل بحسب اللوحات عند المدخل.']);
mkcomment('p1c', 'parks', reader('زائر', 'visitor') + ['date' => '2026-09-04 08:00:00', 'comment_approved' => 0, 'comment_content' => 'أرجو نشر خريطة بمواقع الحدائق.']);

// Post 2 (budget): approved, a staff answer, a trashed comment.
mkcomment('b1', 'budget', reader('ماجد', 'majed') + ['date' => '2026-09-10 09:30:00', 'comment_content' => 'هل تشمل الزيادة رواتب المعلمين أم المباني فقط؟']);
mkcomment('b1r', 'budget', staff($noura) + ['parent' => 'b1', 'date' => '2026-09-10 10:10:00', 'comment_content' => 'بحسب بيان الوزارة تشمل الزيادة الأمرين، والتفاصيل في الجدول أعلاه.']);
mkcomment('b2', 'budget', reader('ريم', 'reem') + ['date' => '2026-09-11 19:00:00', 'comment_content' => 'تحليل واضح ومفيد، شكراً.']);
mkcomment('b3', 'budget', reader('مجهول', 'anon') + ['date' => '2026-09-12 02:00:00', 'comment_content' => 'تعليق مسيء حذفه المشرف.']);
wp_trash_comment($C['b3']);

// Post 3 (match): a thread, spam, and a parent deleted with wp_delete_comment.
mkcomment('m1', 'match', reader('تركي', 'turki') + ['date' => '2026-09-19 00:05:00', 'comment_content' => 'أجمل هدف هذا الموسم!']);
mkcomment('m1r', 'match', reader('نايف', 'naif') + ['parent' => 'm1', 'date' => '2026-09-19 00:20:00', 'comment_content' => 'الحكم احتسب وقتاً بدلاً من الضائع أطول من اللازم.']);
mkcomment('m1rr', 'match', reader('تركي', 'turki') + ['parent' => 'm1r', 'date' => '2026-09-19 00:31:00', 'comment_content' => 'ست دقائق كانت مستحقة بعد الإصابة في الشوط الثاني.']);
mkcomment('m2', 'match', ['comment_author' => 'أرخص العروض', 'comment_author_email' => 'offers@spam.example.test', 'comment_author_url' => 'http://spam.example.test/', 'date' => '2026-09-19 03:00:00', 'comment_approved' => 'spam', 'comment_content' => 'اشترك الآن واحصل على خصم خمسين في المئة!']);
mkcomment('m3', 'match', reader('سلطان', 'sultan') + ['date' => '2026-09-19 08:00:00', 'comment_content' => 'تعليق سيحذفه المشرف نهائياً.']);
mkcomment('m3r', 'match', reader('هيفاء', 'haifa') + ['parent' => 'm3', 'date' => '2026-09-19 08:30:00', 'comment_content' => 'ردّ على تعليق حُذف لاحقاً.']);
// wp_delete_comment(…, true) moves the children up a level: m3r becomes top-level.
wp_delete_comment($C['m3'], true);

// Post 4 (oil): the export keeps a reply whose parent no longer exists.
// wp_delete_comment re-parents children (above), so the parent row is
// removed directly, as a plugin or a hand-edited database leaves it.
mkcomment('o1', 'oil', reader('بدر', 'badr') + ['date' => '2026-09-25 15:00:00', 'comment_content' => 'هل من توقعات للأسعار في الربع الأخير؟']);
mkcomment('o1r', 'oil', reader('لمى', 'lama') + ['parent' => 'o1', 'date' => '2026-09-25 16:30:00', 'comment_content' => 'أغلب التقديرات بين سبعين وثمانين دولاراً للبرميل.']);
$wpdb->delete($wpdb->comments, ['comment_ID' => $C['o1']]);
$wpdb->delete($wpdb->commentmeta, ['comment_id' => $C['o1']]);
wp_update_comment_count_now($P['oil']);
// A pingback from post 2's later article… from the oil article to the budget.
mkcomment('ping', 'budget', ['comment_author' => 'أسعار النفط تستقر وسط ترقب لقرارات المنتجين - صحيفة الاختبار', 'comment_author_email' => '',
    'comment_author_url' => get_permalink($P['oil']), 'comment_type' => 'pingback', 'comment_author_IP' => '127.0.0.1', 'comment_agent' => 'WordPress/6.1.9; ' . home_url(),
    'date' => '2026-09-25 14:21:00', 'comment_content' => '[&#8230;] ويأتي ذلك بعد أسبوعين من إعلان الميزانية العامة التي بُنيت على تقديرات متحفظة [&#8230;]']);

// Post 5 (bookfair, sticky).
mkcomment('k1', 'bookfair', reader('دانة', 'dana') + ['date' => '2026-10-01 18:00:00', 'comment_content' => 'هل يوجد جناح خاص بكتب الأطفال هذا العام؟']);
mkcomment('k1r', 'bookfair', staff($khalid) + ['parent' => 'k1', 'date' => '2026-10-01 18:45:00', 'comment_content' => 'نعم، في القاعة الثالثة بجوار المدخل الشمالي.']);
mkcomment('k1rr', 'bookfair', reader('دانة', 'dana') + ['parent' => 'k1r', 'date' => '2026-10-01 19:10:00', 'comment_content' => 'شكراً جزيلاً، سأزوره مع أطفالي.']);

// Post 8 (ai): pending and spam.
mkcomment('a1', 'ai', reader('وليد', 'waleed') + ['date' => '2026-10-22 11:00:00', 'comment_content' => 'ومن يتحمل مسؤولية الخطأ إذا نشرت الأداة معلومة غير صحيحة؟']);
mkcomment('a2', 'ai', reader('جواهر', 'jawaher') + ['parent' => 'a1', 'date' => '2026-10-22 12:00:00', 'comment_approved' => 0, 'comment_content' => 'المحرر الذي وافق على النشر بالطبع.']);
mkcomment('a3', 'ai', ['comment_author' => 'SEO Expert', 'comment_author_email' => 'seo@spam.example.test', 'comment_author_url' => 'http://seo.spam.example.test/', 'date' => '2026-10-23 04:00:00', 'comment_approved' => 'spam', 'comment_content' => 'مقال رائع! زوروا موقعنا للحصول على أفضل الخدمات.']);

// Post 10 (rain).
mkcomment('r1', 'rain', reader('أم خالد', 'ummkhalid') + ['date' => '2026-11-05 21:00:00', 'comment_content' => 'هل يشمل القرار رياض الأطفال؟']);
mkcomment('r1r', 'rain', staff($admin) + ['parent' => 'r1', 'date' => '2026-11-05 21:20:00', 'comment_content' => 'نعم، يشمل جميع المراحل بحسب بيان الإدارة.']);

// Post 18: a comment, then the post goes to the trash (its comments become post-trashed).
mkcomment('t1', 'trashed', reader('سعد', 'saad') + ['date' => '2026-09-12 12:10:00', 'comment_content' => 'هذه النتائج غير صحيحة، أرجو التثبت.']);
must(wp_trash_post($P['trashed']), 'trash post');

// ---------------------------------------------------------------- fix-ups for reproducibility
$fixed_epoch = strtotime('2026-11-28 09:00:00 UTC');
$wpdb->query($wpdb->prepare("UPDATE $wpdb->postmeta SET meta_value = %s WHERE meta_key = '_wp_trash_meta_time'", $fixed_epoch));
$wpdb->query($wpdb->prepare("UPDATE $wpdb->commentmeta SET meta_value = %s WHERE meta_key = '_wp_trash_meta_time'", $fixed_epoch));
// The pings and enclosures wp-cron would do (and then forget): never here.
$wpdb->query("DELETE FROM $wpdb->postmeta WHERE meta_key IN ('_pingme', '_encloseme')");
// Modified = created, except the two posts edited after publication and the trashed one.
$edited = [$P['ai'] => '2026-10-22 10:30:00', $P['heat'] => '2026-10-28 08:00:00', $P['trashed'] => '2026-11-28 12:00:00'];
foreach ($wpdb->get_results("SELECT ID, post_date, post_type, post_parent FROM $wpdb->posts") as $row) {
    $m = $edited[$row->ID] ?? $row->post_date;
    $wpdb->update($wpdb->posts, ['post_modified' => $m, 'post_modified_gmt' => get_gmt_from_date($m)], ['ID' => $row->ID]);
}
wp_cache_flush();

// ---------------------------------------------------------------- summary
$ids = ['attachments' => $att, 'posts' => $P, 'comments' => $C];
file_put_contents("$work/ids.json", json_encode($ids, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE));
echo "built: " . count($P) . " posts and pages, " . count($att) . " attachments, " . count($C) . " comments made\n";
