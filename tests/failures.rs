//! The shared table of failures (`tests/data/failures.tsv`), performed through the Rust API:
//! each case gives its code, and the domain the C status and the Python class come from.
//! The C and Python suites perform the same rows.

use restore_access::code::{CodeRecord, Keys};
use restore_access::flow::{Budget, Flow, Input};
use restore_access::i18n::{Domain, ErrorKind};
use restore_access::password::{Hasher, Password};
use restore_access::{Email, ErrorCode, Phone, Snils};

use crate::flow::host::{T0, account, gosuslugi, gosuslugi_to_code, keys};

/// The C status and Python class a domain maps to.
fn status_and_class(domain: Domain) -> (&'static str, &'static str) {
    match domain {
        Domain::Id(ErrorKind::Length) => ("RA_ID_ERROR", "InvalidLength"),
        Domain::Id(ErrorKind::Format) => ("RA_ID_ERROR", "InvalidFormat"),
        Domain::Id(ErrorKind::Checksum) => ("RA_ID_ERROR", "InvalidChecksum"),
        Domain::Id(_) => ("RA_ID_ERROR", "InvalidComponent"),
        Domain::Password => ("RA_PASSWORD_ERROR", "PasswordError"),
        Domain::Code => ("RA_CODE_ERROR", "CodeError"),
        Domain::Flow => ("RA_FLOW_ERROR", "FlowError"),
        _ => ("RA_INVALID_ARGUMENT", "UnknownName"),
    }
}

fn err<T>(result: Result<T, impl ErrorCode + 'static>) -> Box<dyn ErrorCode> {
    match result {
        Ok(_) => panic!("the case did not fail"),
        Err(e) => Box::new(e),
    }
}

fn perform(case: &str) -> Box<dyn ErrorCode> {
    let flow = || Flow::start(gosuslugi(), T0).unwrap().0;
    let mut none = Default::default();
    match case {
        "snils_checksum" => err("112-233-445 96".parse::<Snils>()),
        "phone_short" => err("+7 916 123 456".parse::<Phone>()),
        "email_address_literal" => err("ivan@[127.0.0.1]".parse::<Email>()),
        "flow_contact_phone_short" => {
            err(flow().handle(Input::Contact("+7 916 123 456".into()), T0, &mut none))
        }
        "flow_code_at_start" => err(flow().handle(Input::Code("123456".into()), T0, &mut none)),
        "flow_open_garbage" => err(Flow::open(gosuslugi(), "garbage")),
        "budget_open_garbage" => err("garbage"
            .parse()
            .and_then(|key| Budget::open(&keys(), &key, "garbage"))),
        "record_open_garbage" => err(CodeRecord::open(&keys(), "flow-1", "garbage")),
        "keys_short_secret" => err(Keys::new("k1", &[7u8; 8])),
        "password_malformed_hash" => {
            err(Hasher::new().verify(&Password::from("Sharik1599+"), "not-a-phc"))
        }
        "flow_resend_too_soon" => {
            let (mut flow, mut store, _) = gosuslugi_to_code("8 (916) 123-45-67", Some(account()));
            err(store.handle(&mut flow, Input::Resend, T0))
        }
        other => panic!("failures.tsv names a case this test does not perform: {other}"),
    }
}

#[test]
fn every_shared_failure_has_its_code_and_domain() {
    let table = include_str!("data/failures.tsv");
    let mut rows = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [case, code, status, class, _how] = cols[..] else {
            panic!("a row has five columns: {line}");
        };
        let e = perform(case);
        assert_eq!(e.code(), code, "{case}");
        assert_eq!(status_and_class(e.domain()), (status, class), "{case}");
        rows += 1;
    }
    assert!(rows >= 10, "the table has at least ten failures");
}
