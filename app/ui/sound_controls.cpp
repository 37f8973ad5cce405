// app/ui/sound_controls.cpp: volume, mute and the per-layer levels (see sound_controls.hpp).
#include "ui/sound_controls.hpp"

#include <imgui.h>

namespace attune::ui {

bool DrawSoundControls(core::SoundLevels* sound, const std::string& audio_status, float width,
                       const Look& look) {
  bool changed = false;
  if (!audio_status.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextColored(look.palette.warning, "%s", audio_status.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::BeginDisabled(!audio_status.empty());
  ImGui::SetNextItemWidth(width);
  if (ImGui::SliderFloat("Volume", &sound->master, 0.0f, 1.0f, "%.2f")) changed = true;
  if (ImGui::Checkbox("Mute", &sound->muted)) changed = true;
  if (ImGui::TreeNode("Levels")) {
    struct Level {
      const char* label;
      float* value;
    };
    const Level levels[] = {{"Voice", &sound->voice},
                            {"Bells and cues", &sound->cues},
                            {"Breath tone", &sound->breath},
                            {"Ambience", &sound->ambience}};
    for (const Level& level : levels) {
      ImGui::SetNextItemWidth(width - ImGui::GetStyle().IndentSpacing);
      if (ImGui::SliderFloat(level.label, level.value, 0.0f, 1.0f, "%.2f")) changed = true;
    }
    ImGui::TreePop();
  }
  ImGui::EndDisabled();
  return changed;
}

}  // namespace attune::ui
