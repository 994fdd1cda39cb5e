use crate::packet::{Packet, Tag};

/// Splits a key's packets into the key itself and the signatures that follow it.
pub fn split(packets: &[Packet]) -> (Vec<&Packet>, Vec<&Packet>) {
    let mut key = Vec::new();
    let mut sigs = Vec::new();
    for p in packets {
        // ok: timing-unsafe-compare
        if p.tag() == Tag::Signature {
            sigs.push(p);
        } else {
            key.push(p);
        }
    }
    (key, sigs)
}
