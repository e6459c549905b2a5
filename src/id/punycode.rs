//! Punycode (RFC 3492) encoding of one domain label, for [`super::Email::ascii`].
//!
//! Only the encoder: the crate turns typed Unicode domains into ASCII for delivery and never
//! needs the way back. It writes through a callback so the validity check can count the
//! output without allocating.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 0x80;

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

fn digit(d: u32) -> u8 {
    // d < BASE by construction; the `as u8` cannot truncate.
    if d < 26 {
        b'a' + d as u8
    } else {
        b'0' + (d - 26) as u8
    }
}

/// Encodes the label `input` (without the `xn--` prefix), passing each output byte to `out`.
/// Returns `None` only on arithmetic overflow, which a label of at most 63 characters cannot
/// reach.
pub(crate) fn encode<I>(input: I, out: &mut impl FnMut(u8)) -> Option<()>
where
    I: Iterator<Item = char> + Clone,
{
    let mut total = 0u32;
    let mut basic = 0u32;
    for c in input.clone() {
        total += 1;
        if c.is_ascii() {
            out(c as u8);
            basic += 1;
        }
    }
    if basic > 0 {
        out(b'-');
    }
    let (mut n, mut delta, mut bias, mut handled) = (INITIAL_N, 0u32, INITIAL_BIAS, basic);
    while handled < total {
        let m = input.clone().map(u32::from).filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for c in input.clone().map(u32::from) {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n += 1;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::encode;

    fn puny(s: &str) -> String {
        let mut out = String::new();
        encode(s.chars(), &mut |b| out.push(char::from(b))).unwrap();
        out
    }

    /// Samples from RFC 3492 section 7.1 and the labels of Russian IDN zones.
    #[test]
    fn known_labels() {
        assert_eq!(puny("пример"), "e1afmkfd");
        assert_eq!(puny("рф"), "p1ai");
        assert_eq!(puny("москва"), "80adxhks");
        assert_eq!(puny("bücher"), "bcher-kva");
        // RFC 3492 7.1 (B) Chinese (simplified).
        assert_eq!(puny("他们为什么不说中文"), "ihqwcrb4cv8a8dqg056pqjye");
        // RFC 3492 7.1 (L) 3<nen>B<gumi><kinpachi><sensei>.
        assert_eq!(puny("3年B組金八先生"), "3B-ww4c5e180e575a65lsy2b");
    }
}
