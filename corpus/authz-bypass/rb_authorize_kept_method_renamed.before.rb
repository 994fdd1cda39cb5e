class ProjectsController < ApplicationController
  before_action :authenticate_user!

  def archive
    @project = Project.find(params[:id])
    authorize @project, :archive?
    @project.update!(archived: true)
    redirect_to projects_path
  end
end
