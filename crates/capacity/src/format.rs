//! Number formatting for the trace and messages: "2,662 MiB", "0.25 vCPU", "8 GiB".

/// Rounds to the nearest integer and groups thousands: 13621.6 -> "13,622".
pub fn int(value: f64) -> String {
    let rounded = if value.is_finite() {
        value.round()
    } else {
        0.0
    };
    let negative = rounded < 0.0;
    // `as` saturates; values are bounded by validation anyway.
    let digits = (rounded.abs() as u64).to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if negative {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// At most two decimals, trailing zeros dropped: 0.25 -> "0.25", 2.0 -> "2", 1.125 -> "1.13".
pub fn num(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        return int(rounded);
    }
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').to_string()
}

/// MiB as GiB when whole or simple, else MiB: 4096 -> "4 GiB", 3072 -> "3 GiB", 1000 -> "1,000 MiB".
pub fn mib_or_gib(mib: f64) -> String {
    let gib = mib / 1024.0;
    if mib >= 1024.0 && (gib * 4.0).fract() == 0.0 {
        format!("{} GiB", num(gib))
    } else {
        format!("{} MiB", int(mib))
    }
}

/// Percent of a fraction, up to one decimal: 0.25 -> "25%", 0.005 -> "0.5%".
pub fn percent(fraction: f64) -> String {
    let p = (fraction * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{}%", int(p))
    } else {
        format!("{p:.1}%")
    }
}

/// "1 worker", "2 workers", "1 worker process", "3 worker processes".
pub fn plural(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else if noun.ends_with('s') {
        format!("{count} {noun}es")
    } else {
        format!("{count} {noun}s")
    }
}

pub fn list_numbers(values: &[f64]) -> String {
    values
        .iter()
        .map(|v| num(*v))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands_and_rounds() {
        assert_eq!(int(13621.6), "13,622");
        assert_eq!(int(999.4), "999");
        assert_eq!(int(1_234_567.0), "1,234,567");
        assert_eq!(int(-1500.0), "-1,500");
        assert_eq!(int(f64::NAN), "0");
    }

    #[test]
    fn short_decimals() {
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(percent(0.25), "25%");
        assert_eq!(percent(0.005), "0.5%");
        assert_eq!(mib_or_gib(4096.0), "4 GiB");
        assert_eq!(mib_or_gib(1000.0), "1,000 MiB");
    }
}
