class RequestSampler
  def initialize(rate:, seed: nil)
    @rate = rate
    @rng = seed ? Random.new(seed) : Random.new
  end

  def call(env)
    # ok: token-randomness
    env["acme.trace_sampled"] = @rng.rand < @rate
    env
  end
end
