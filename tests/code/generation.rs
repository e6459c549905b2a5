//! Generation: codes and tokens uniform, of the length and entropy asked for (property 4).

use super::*;

/// Pearson's statistic for `counts` against a uniform expectation.
fn chi_square(counts: &[u64]) -> f64 {
    let total: u64 = counts.iter().sum();
    let expected = total as f64 / counts.len() as f64;
    counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum()
}

// Upper 10^-6 quantiles of the χ² distribution, computed for this test from the regularized
// incomplete gamma function, Q(df/2, x/2) = 10^-6 solved by bisection in 60-digit
// arithmetic; the Wilson–Hilferty approximation (Wilson & Hilferty 1931, with the normal
// quantile z = 4.753424) gives 45.97, 1226.13 and 10685.68. A uniform sampler exceeds each
// with probability 10^-6.
const CHI2_DF9_P1E6: f64 = 44.811;
const CHI2_DF999_P1E6: f64 = 1226.046;
const CHI2_DF9999_P1E6: f64 = 10685.656;

#[test]
fn six_digit_codes_are_uniform_per_position_and_over_the_value() {
    const N: usize = 1_000_000;
    let mut per_position = [[0u64; 10]; 6];
    // The value in 1000 equal bins (its leading three digits' worth of resolution).
    let mut bins = vec![0u64; 1000];
    for _ in 0..N {
        let code = SmsCode::generate(6).unwrap();
        let text = code.expose().as_bytes();
        assert_eq!(text.len(), 6);
        let mut value = 0usize;
        for (pos, &b) in text.iter().enumerate() {
            assert!(b.is_ascii_digit());
            let digit = usize::from(b - b'0');
            per_position[pos][digit] += 1;
            value = value * 10 + digit;
        }
        bins[value / 1000] += 1;
    }
    for (pos, counts) in per_position.iter().enumerate() {
        let stat = chi_square(counts);
        assert!(stat < CHI2_DF9_P1E6, "position {pos}: χ² = {stat:.1}");
    }
    let stat = chi_square(&bins);
    assert!(stat < CHI2_DF999_P1E6, "value bins: χ² = {stat:.1}");
}

#[test]
fn four_digit_codes_are_uniform_over_every_value() {
    const N: usize = 1_000_000;
    let mut counts = vec![0u64; 10_000];
    for _ in 0..N {
        let code = SmsCode::generate(4).unwrap();
        counts[code.expose().parse::<usize>().unwrap()] += 1;
    }
    let stat = chi_square(&counts);
    assert!(stat < CHI2_DF9999_P1E6, "χ² = {stat:.1}");

    // The same statistic does catch the classic mistake: `u16 % 10^4` favours 0..5536.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut biased = vec![0u64; 10_000];
    for _ in 0..N {
        // xorshift64*, a fair 16-bit source; the bias is all in the `%`.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let word = (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 48) as u16;
        biased[usize::from(word % 10_000)] += 1;
    }
    assert!(chi_square(&biased) > CHI2_DF9999_P1E6);
}

#[test]
fn code_lengths() {
    for digits in 4..=10 {
        let code = SmsCode::generate(digits).unwrap();
        assert_eq!(code.expose().len(), usize::from(digits));
        assert!(code.expose().bytes().all(|b| b.is_ascii_digit()));
    }
    for digits in [0, 3, 11] {
        assert_eq!(
            SmsCode::generate(digits).unwrap_err(),
            Error::Digits { digits }
        );
        assert_eq!(
            Policy::default()
                .with_sms_digits(digits)
                .unwrap_err()
                .code(),
            "code.digits"
        );
    }
}

#[test]
fn tokens_have_the_length_alphabet_and_entropy_asked_for() {
    use base64ct::{Base64UrlUnpadded, Encoding};
    for (bits, len) in [(128, 22), (256, 43), (384, 64), (512, 86)] {
        let token = LinkToken::generate(bits).unwrap();
        let text = token.expose();
        assert_eq!(text.len(), len, "{bits} bits");
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{text}"
        );
        let bytes = Base64UrlUnpadded::decode_vec(text).unwrap();
        assert_eq!(bytes.len(), usize::from(bits / 8));
    }
    assert_eq!(
        LinkToken::generate(LinkToken::DEFAULT_BITS)
            .unwrap()
            .expose()
            .len(),
        43
    );
    for bits in [0, 120, 127, 130, 520] {
        assert_eq!(
            LinkToken::generate(bits).unwrap_err(),
            Error::TokenBits { bits }
        );
        assert!(Policy::default().with_link_bits(bits).is_err());
    }
    assert_eq!(Policy::default().link_bits(), LinkToken::DEFAULT_BITS);
    let policy = Policy::default().with_link_bits(128).unwrap();
    assert_eq!(policy.link_bits(), 128);
    let (_, token) = CodeRecord::issue_link(&keys(), FLOW, Purpose::Recovery, T0, &policy).unwrap();
    assert_eq!(
        token.expose().len(),
        22,
        "the policy's size is the size issued"
    );
    let seen: HashSet<String> = (0..10_000)
        .map(|_| LinkToken::generate(128).unwrap().expose().to_owned())
        .collect();
    assert_eq!(seen.len(), 10_000);
}
