use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

pub struct Dungeon {
    rng: SmallRng,
    pub rooms: Vec<(u32, u32)>,
}

impl Dungeon {
    pub fn generate(seed: u64, count: usize) -> Self {
        let mut rng = SmallRng::seed_from_u64(seed);
        // ok: token-randomness
        let rooms = (0..count).map(|_| (rng.gen_range(0..64), rng.gen_range(0..64))).collect();
        Dungeon { rng, rooms }
    }

    pub fn roll(&mut self, sides: u32) -> u32 {
        self.rng.gen_range(1..=sides)
    }
}
