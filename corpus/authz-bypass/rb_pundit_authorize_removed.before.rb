class ProjectsController < ApplicationController
  before_action :authenticate_user!

  def destroy
    @project = Project.find(params[:id])
    authorize @project
    @project.destroy!
    redirect_to projects_path, notice: "Project deleted"
  end
end
