#include "ui/start_screen.hpp"

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "ui/sound_controls.hpp"

namespace attune::ui {
namespace {

// A name field. Every edit is reported as it is typed (and kept by the caller); Esc only leaves the field.
// ImGui's InputText would revert the text to what it was when the field was entered, and report that
// as an edit: the typed name would be thrown away.
bool NameField(const char* id, std::string* text) {
  const bool escaping = ImGui::GetActiveID() == ImGui::GetID(id) &&
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  const bool changed = ImGui::InputText(id, text);
  return changed && !escaping;
}

}  // namespace

StartActions DrawStart(const StartView& view, const Look& look) {
  StartActions actions;
  const Palette& p = look.palette;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float s = look.scale;
  BeginScreen("##start");
  if (ImGui::Button("< Library")) actions.back = true;
  if (!view.agenda.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("  %s", view.agenda.c_str());
  }
  if (!view.notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s", view.notice.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  const float column = std::min(display.x * 0.55f, 760.0f * s);
  ImGui::BeginChild("##details", ImVec2(column, -1), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PushFont(look.fonts.caption);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(VisualOrder(view.title).c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::TextDisabled("%s  ·  %s%s%s", view.length.c_str(), view.people == 2 ? "two people" : "one person",
                      view.author.empty() ? "" : "  ·  by ", view.author.c_str());
  if (!view.tags.empty()) ImGui::TextColored(p.accent, "%s", VisualOrder(view.tags).c_str());
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(VisualOrder(view.summary).c_str());  // wrapped by ImGui: per paragraph
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  ImGui::TextDisabled("STEPS");
  for (const std::string& step : view.steps) ImGui::BulletText("%s", VisualOrder(step).c_str());
  for (const std::string& warning : view.warnings) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s", warning.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##options", ImVec2(0, -1), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  if (view.people == 2) {
    ImGui::TextDisabled("YOUR NAMES");
    std::string a = view.name_a;
    std::string b = view.name_b;
    ImGui::PushStyleColor(ImGuiCol_Text, ParseHexColour(view.colour_a, p.text));
    ImGui::SetNextItemWidth(280.0f * s);
    if (NameField("##name_a", &a)) actions.name_a = a;
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Text, ParseHexColour(view.colour_b, p.text));
    ImGui::SetNextItemWidth(280.0f * s);
    if (NameField("##name_b", &b)) actions.name_b = b;
    ImGui::PopStyleColor();
  }
  core::Settings settings = view.settings;
  bool changed = false;
  // The fields are 280 px wide where the column has room, narrower where it does not, so that their labels
  // ("Countdown", the longest) are never clipped (1024 x 768).
  const float label_w = ImGui::CalcTextSize("Countdown").x + ImGui::GetStyle().ItemInnerSpacing.x;
  const float field_w =
      std::max(120.0f * s, std::min(280.0f * s, ImGui::GetContentRegionAvail().x - label_w));
  ImGui::TextDisabled("SOUND AND PACER");
  if (DrawSoundControls(&settings.sound, view.audio_status, field_w, look)) changed = true;
  int style = static_cast<int>(settings.pacer_style);
  ImGui::SetNextItemWidth(field_w);
  if (ImGui::Combo("Pacer", &style, "Circle\0Filling bar\0")) {
    settings.pacer_style = static_cast<core::PacerStyle>(style);
    changed = true;
  }
  if (ImGui::Checkbox("Reduced motion", &settings.reduced_motion)) changed = true;
  ImGui::SetNextItemWidth(field_w);
  if (ImGui::SliderInt("Countdown", &settings.pre_roll_seconds, 0, 30, "%d s")) changed = true;
  if (changed) actions.settings = settings;
  ImGui::Spacing();
  ImGui::PushFont(look.fonts.heading);
  ImGui::PushStyleColor(ImGuiCol_Button, Mix(p.surface_hover, p.accent, 0.55f));
  if (ImGui::Button("Start", ImVec2(field_w, 0))) actions.start = true;
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::TextDisabled("Enter starts · Esc goes back · ? keys");
  // One line where there is room (wrapped where there is not), so the column fits 720 px without a scroll.
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("Playing: Space pause · arrows step · F full screen · B blank");
  ImGui::PopStyleColor();
  ImGui::EndChild();
  ImGui::End();
  return actions;
}

EndActions DrawEnd(const EndView& view, const Look& look) {
  EndActions actions;
  const Palette& p = look.palette;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float s = look.scale;
  BeginScreen("##end");
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float y = display.y * 0.2f;
  const float cx = display.x * 0.5f;
  const float width = std::min(display.x * 0.8f, 1100.0f * s);
  y += DrawCentredText(draw, look.fonts.body, look.fonts.body->FontSize, cx, y, width, ToU32(p.muted),
                       view.summary.title);
  y += 10.0f * s;
  y += DrawCentredText(draw, look.fonts.caption, look.fonts.caption->FontSize, cx, y, width, ToU32(p.text),
                       view.summary.headline);
  y += 16.0f * s;
  for (const std::string& line : view.summary.lines) {
    y += DrawCentredText(draw, look.fonts.body, look.fonts.body->FontSize, cx, y, width, ToU32(p.text, 0.85f),
                         line);
  }
  if (!view.summary.note.empty()) {
    y += 16.0f * s;
    y += DrawCentredText(draw, look.fonts.body, look.fonts.body->FontSize, cx, y, width, ToU32(p.muted),
                         view.summary.note);
  }
  if (!view.streak.empty()) {
    y += 16.0f * s;
    y += DrawCentredText(draw, look.fonts.heading, look.fonts.heading->FontSize, cx, y, width,
                         ToU32(p.accent), view.streak);
  }
  if (!view.saving.empty()) {
    y += 16.0f * s;
    y += DrawCentredText(draw, look.fonts.body, look.fonts.body->FontSize, cx, y, width, ToU32(p.warning),
                         view.saving);
  }
  y += 40.0f * s;
  const float button_w = 200.0f * s;
  const int buttons = view.next.empty() ? 3 : 4;
  ImGui::SetCursorScreenPos(ImVec2(
      cx - (button_w * static_cast<float>(buttons) + 12.0f * s * static_cast<float>(buttons - 1)) * 0.5f, y));
  if (!view.next.empty()) {
    if (ImGui::Button("Next session", ImVec2(button_w, 0))) actions.next = true;
    ImGui::SameLine();
  }
  if (ImGui::Button("Again", ImVec2(button_w, 0))) actions.again = true;
  ImGui::SameLine();
  if (ImGui::Button("Library", ImVec2(button_w, 0))) actions.library = true;
  ImGui::SameLine();
  if (ImGui::Button("Quit", ImVec2(button_w, 0))) actions.quit = true;
  DrawCentredText(draw, look.fonts.body, look.fonts.body->FontSize, cx, y + 70.0f * s, width, ToU32(p.muted),
                  view.next.empty() ? std::string("Enter or Esc returns to the library")
                                    : "Up next: " + view.next + "  (Enter or Right when everyone is ready)");
  ImGui::End();
  return actions;
}

}  // namespace attune::ui
