//! "This does not read as a job ad" fires only on posts that are not ads:
//! a real ad in an odd shape (no apply link, no role word in its title)
//! passes; a blog post with a link, "apply" and "candidate" in it does not.

use hireboard_posting::{Config, Normalizer};

fn warned(path: &str, text: &str) -> bool {
    let now = "2026-01-01T00:00:00Z".parse().expect("a timestamp");
    let posting = Normalizer::new(&Config::default(), now)
        .normalize(path, text.as_bytes())
        .expect("normalizes");
    posting
        .warnings
        .iter()
        .any(|w| w.contains("does not read as a job ad"))
}

#[test]
fn real_ads_in_odd_shapes_are_not_warned() {
    let ads = [
        (
            "bake.txt",
            "Come bake with us\n\nOur bakery needs someone for the night oven.\n\n\
             Responsibilities: bread, rolls and a clean oven.\n\
             You have 3 years of experience. Drop by the shop on Mill Street.\n",
        ),
        (
            "werkstatt.txt",
            "Verstärkung für unsere Werkstatt\n\n\
             Wir suchen eine Schreinerin oder einen Schreiner (m/w/d).\n\
             Melde dich einfach persönlich in der Werkstatt.\n",
        ),
        (
            "cocina.txt",
            "Únete a la cocina\n\nBuscamos cocinero con ganas de aprender. Pásate por el restaurante.\n",
        ),
        (
            "mail.txt",
            "Lighthouse keeping\n\nOur trust has an opening for a keeper on the north cape.\n\
             Write to keeper@cape.example to apply.\n",
        ),
        // Pay alone says it: nobody pays a blog post.
        (
            "pay.md",
            "# Weekend help at the farm stand\n\nPicking and selling, £12 per hour. Ask for Jo at the stand.\n",
        ),
    ];
    for (path, text) in ads {
        assert!(!warned(path, text), "{path} warned");
    }
}

#[test]
fn blog_posts_are_warned_even_with_a_link() {
    let posts = [
        (
            "release.md",
            "# Release 2.3 is out\n\nThis release fixes the parser. To upgrade, apply the patch from the changelog.\n\
             Thanks to everyone who tested the release candidates. The role of the cache is smaller now.\n",
        ),
        (
            "meetup.md",
            "# Notes from our spring meetup\n\nWe talked about how to apply property tests to parsers \
             and about the position of the cursor in editors. Slides: https://slides.example/spring\n",
        ),
    ];
    for (path, text) in posts {
        assert!(warned(path, text), "{path} not warned");
    }
}
