class QuizzesController < ApplicationController
  def show
    @quiz = Quiz.find(params[:id])
    # ok: token-randomness
    @questions = @quiz.questions.to_a.shuffle
  end
end
