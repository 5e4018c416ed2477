//! The normalizer the targets share, made and warmed up before the first
//! input: building the vocabulary and compiling the field patterns (on
//! first use) take longer than an input, and would count against its time.

use std::sync::LazyLock;

use hireboard_posting::{Config, Normalizer};

pub static NORMALIZER: LazyLock<Normalizer> = LazyLock::new(|| {
    let now = jiff::Timestamp::from_second(1_767_225_600).unwrap();
    Normalizer::new(&Config::default(), now)
});

/// One posting of each format, through every field recognizer.
pub fn warm_up() {
    let postings = [
        "---\ntitle: Cook\ncompany: Pan Co\ndate: 2026-01-02\nlocation: Remote, Berlin\nsalary: $50k-60k\ntags: [rust]\napply: https://pan.example\n---\nFull-time. Mail jobs@pan.example\n",
        "+++\ntitle = \"Cook\"\n+++\nPart-time, hybrid in Paris. €40.000 – €45.000 / year\n",
        "Title: Cook\nDate: 2026-01-02 10:00\nTags: python\n\n[Apply](https://pan.example) Contract, onsite.\n",
        "Cook\n====\n\n:date: 2026-01-02\n:company: Pan Co\n\n- item `link <https://pan.example>`_\n",
        "# Cook\n### Pan Co\n\n`Remote US` `$120,000 - $150,000`\n\nInternship, temporary.\n",
        "Job: Cook - Pan Co | A role.\\nMail a@pan.example\n",
        "Pan Co | Cook | London, UK | ONSITE | £45k | https://pan.example/jobs\n",
    ];
    for (n, posting) in postings.iter().enumerate() {
        let _ = NORMALIZER.normalize(&format!("content/warm-{n}.md"), posting.as_bytes());
    }
}
