package quiz

import "math/rand"

func Shuffle(questions []Question) {
	rand.Shuffle(len(questions), func(i, j int) { questions[i], questions[j] = questions[j], questions[i] })
}
