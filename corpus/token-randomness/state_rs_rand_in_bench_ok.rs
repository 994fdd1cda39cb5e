idgate-fixture-path: benches/session_store.rs
use criterion::{criterion_group, criterion_main, Criterion};
use rand::Rng;

fn bench_insert(c: &mut Criterion) {
    let mut rng = rand::thread_rng();
    c.bench_function("insert", |b| {
        b.iter(|| {
            let sid: u128 = rng.gen();
            store::insert(format!("{sid:x}"), "user");
        })
    });
}

criterion_group!(benches, bench_insert);
criterion_main!(benches);
