//! Codes, messages and names.

use super::*;

#[test]
fn an_error_prints_its_english_message_and_its_data() {
    let limited = Error::RateLimited {
        retry_after: secs(60),
    };
    assert_eq!(limited.code(), "code.rate_limited");
    assert_eq!(limited.retry_after(), Some(secs(60)));
    assert_eq!(
        limited.to_string(),
        format!("{} (retry after 60 s)", limited.message(Lang::En))
    );
    assert_eq!(Error::Wrong.to_string(), Error::Wrong.message(Lang::En));
    assert_eq!(Error::Wrong.retry_after(), None);
    assert_eq!(Error::Wrong.domain(), restore_access::i18n::Domain::Code);
    let m = catalog::lookup("code.wrong").expect("in the catalog");
    assert_eq!(
        (m.ru, m.en),
        (
            Error::Wrong.message(Lang::Ru),
            Error::Wrong.message(Lang::En)
        )
    );
}

#[test]
fn purposes_and_channels_parse_their_names() {
    for &p in Purpose::ALL {
        assert_eq!(p.as_str().parse::<Purpose>(), Ok(p));
        assert_eq!(p.to_string(), p.as_str());
    }
    let unknown = "Recovery".parse::<Purpose>().unwrap_err();
    assert_eq!(unknown.code(), "name.unknown");
    assert!(
        unknown
            .to_string()
            .contains("recovery, sign_up, contact_change, sign_in")
    );
    for &c in Channel::ALL {
        assert_eq!(c.as_str().parse::<Channel>(), Ok(c));
    }
    assert_eq!(
        "push".parse::<Channel>().unwrap_err().code(),
        "name.unknown"
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Keys>();
    assert_send_sync::<CodeRecord>();
    assert_send_sync::<SmsCode>();
    assert_send_sync::<LinkToken>();
    assert_send_sync::<LimiterState>();
    assert_send_sync::<Error>();
}
