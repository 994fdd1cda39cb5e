class ProjectsController < ApplicationController
  before_action :authenticate_user!

  # expect: authz-bypass
  def destroy
    @project = Project.find(params[:id])
    @project.destroy!
    redirect_to projects_path, notice: "Project deleted"
  end
end
