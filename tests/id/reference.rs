//! An independent reference for the check numbers, written from the rules as published
//! (DESIGN.md, the ПФР and ФНС descriptions) rather than from the library's code, used to
//! generate vectors and to judge the public ones.

/// СНИЛС: `digits` are 11 ASCII digits.
pub(crate) fn snils_ok(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().map(|c| c.to_digit(10).unwrap()).collect();
    assert_eq!(d.len(), 11);
    let number: u32 = digits[..9].parse().unwrap();
    if digits == "00000000000" {
        return false; // the placeholder of blank forms, never issued
    }
    if number <= 1_001_998 {
        return true;
    }
    let check = snils_check(&d[..9]);
    check == d[9] * 10 + d[10]
}

/// The СНИЛС check number of nine digits, spelled out case by case.
pub(crate) fn snils_check(body: &[u32]) -> u32 {
    let sum: u32 = (0..9).map(|i| body[i] * (9 - i as u32)).sum();
    if sum < 100 {
        sum
    } else if sum == 100 || sum == 101 {
        0
    } else {
        let rest = sum % 101;
        if rest == 100 { 0 } else { rest }
    }
}

fn inn_digit(d: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = d.iter().zip(weights).map(|(a, b)| a * b).sum();
    sum % 11 % 10
}

/// ИНН: `digits` are ASCII digits of any length.
pub(crate) fn inn_ok(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().map(|c| c.to_digit(10).unwrap()).collect();
    match d.len() {
        10 => inn_digit(&d, &[2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[9],
        12 => {
            inn_digit(&d, &[7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[10]
                && inn_digit(&d, &[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == d[11]
        }
        _ => false,
    }
}

/// Completes nine digits into a valid СНИЛС (11 digits).
pub(crate) fn snils_complete(body: &str) -> String {
    let d: Vec<u32> = body.chars().map(|c| c.to_digit(10).unwrap()).collect();
    format!("{body}{:02}", snils_check(&d))
}

/// Completes 9 digits into an organisation's ИНН, 10 digits into a person's.
pub(crate) fn inn_complete(body: &str) -> String {
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    let digits = |s: &str| -> Vec<u32> { s.chars().map(|c| c.to_digit(10).unwrap()).collect() };
    let mut s = body.to_string();
    let weights: &[&[u32]] = match body.len() {
        9 => &[&W10],
        10 => &[&W11, &W12],
        n => panic!("cannot complete {n} digits"),
    };
    for w in weights {
        let next = inn_digit(&digits(&s), w);
        s.push(char::from_digit(next, 10).unwrap());
    }
    s
}
