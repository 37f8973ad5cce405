// app/ui/key_help.cpp: the overlay listing the keys (see key_help.hpp).
#include "ui/key_help.hpp"

#include <imgui.h>

namespace attune::ui {

bool DrawKeyHelp(const std::vector<std::pair<std::string, std::string>>& lines, const Look& look) {
  bool close = false;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // On a surface of its own over the screen (the player draws no window background).
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, look.palette.surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28.0f * look.scale, 22.0f * look.scale));
  ImGui::Begin("##keys", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetWindowFocus();
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted("Keys");
  ImGui::PopFont();
  ImGui::Spacing();
  if (ImGui::BeginTable("##key_lines", 2, ImGuiTableFlags_SizingFixedFit)) {
    for (const auto& [keys, action] : lines) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(look.palette.accent, "%s", keys.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(action.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  if (ImGui::Button("Close")) close = true;
  ImGui::SameLine();
  ImGui::TextDisabled("or press ?, F1 or Esc");
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  return close;
}

}  // namespace attune::ui
