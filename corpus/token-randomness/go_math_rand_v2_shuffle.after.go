package quiz

import "math/rand/v2"

func Shuffle(questions []Question) {
	// ok: token-randomness
	rand.Shuffle(len(questions), func(i, j int) { questions[i], questions[j] = questions[j], questions[i] })
}
