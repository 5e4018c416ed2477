//! Every record of the demo board and of every fixture board validates
//! against `schema/posting.schema.json`, and the schema names every field
//! a record has (SCHEMA.md's contract, checked by a machine).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `hireboard inspect --json` in a site folder (files that fail are left out by it).
fn records(site: &Path) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_hireboard"))
        .current_dir(site)
        .args(["inspect", "--json", "--now", "2026-01-01"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: stdout is not JSON: {e}", site.display()))
}

/// The demo board and every board under tests/sites.
fn boards() -> Vec<PathBuf> {
    let mut boards = vec![root().to_path_buf()];
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(root().join("tests/sites"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("content").is_dir())
        .collect();
    fixtures.sort();
    boards.extend(fixtures);
    boards
}

fn schema() -> (boon::Schemas, boon::SchemaIndex, Value) {
    let path = root().join("schema/posting.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler
        .add_resource("posting.schema.json", schema.clone())
        .unwrap();
    let index = compiler
        .compile("posting.schema.json", &mut schemas)
        .unwrap_or_else(|e| panic!("the schema does not compile: {e:#}"));
    (schemas, index, schema)
}

#[test]
fn every_demo_and_fixture_record_matches_the_json_schema() {
    let (schemas, index, schema) = schema();
    let fields = schema["properties"].as_object().unwrap();
    let mut checked = 0;
    let mut formats = std::collections::BTreeSet::new();
    for board in boards() {
        let records = records(&board);
        assert!(!records.is_empty(), "{}: no records", board.display());
        for record in &records {
            let path = &record["source"]["path"];
            if let Err(e) = schemas.validate(record, index) {
                panic!("{} {path}: {e:#}", board.display());
            }
            for key in record.as_object().unwrap().keys() {
                assert!(
                    fields.contains_key(key),
                    "{path}: field `{key}` is not in the schema"
                );
            }
            formats.insert(record["source"]["format"].as_str().unwrap().to_string());
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} records checked");
    // Every format of SCHEMA.md is among the records checked.
    let listed: std::collections::BTreeSet<String> = schema["properties"]["source"]["properties"]
        ["format"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    assert_eq!(formats, listed);
}

#[test]
fn the_schema_refuses_what_the_contract_forbids() {
    let (schemas, index, _) = schema();
    let site = root().join("tests/sites/shapes");
    let good = records(&site).remove(0);
    let broken = [
        ("apply", serde_json::json!("javascript:alert(1)")),
        ("remote", serde_json::json!("sometimes")),
        ("slug", serde_json::json!("Not A Slug")),
        ("date", serde_json::json!("March 3, 2025")),
        ("inferred", serde_json::json!(["mood"])),
    ];
    for (field, value) in broken {
        let mut record = good.clone();
        record[field] = value;
        assert!(
            schemas.validate(&record, index).is_err(),
            "{field} = {} passed",
            record[field]
        );
    }
    let mut record = good.clone();
    record["source"]["format"] = "email".into();
    assert!(schemas.validate(&record, index).is_err());
}
