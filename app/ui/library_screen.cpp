#include "ui/library_screen.hpp"

#include <fmt/format.h>
#include <imgui_stdlib.h>

#include "ui/sound_controls.hpp"

namespace attune::ui {
namespace {

const char* SourceLabel(core::LibrarySource source) {
  switch (source) {
    case core::LibrarySource::kBuiltIn:
      return "Built-in";
    case core::LibrarySource::kUser:
      return "Yours";
    case core::LibrarySource::kNamed:
      return "Opened";
  }
  return "";
}

void DrawSettingsPanel(const core::Settings& current, const std::string& audio_status, const Look& look,
                       LibraryActions* actions) {
  core::Settings settings = current;
  bool changed = false;
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted("Settings");
  ImGui::PopFont();
  int theme = static_cast<int>(settings.theme);
  ImGui::SetNextItemWidth(260.0f * look.scale);
  if (ImGui::Combo("Theme", &theme, "Dark\0Light\0High contrast\0")) {
    settings.theme = static_cast<core::Theme>(theme);
    changed = true;
  }
  int style = static_cast<int>(settings.pacer_style);
  ImGui::SetNextItemWidth(260.0f * look.scale);
  if (ImGui::Combo("Pacer", &style, "Circle\0Filling bar\0")) {
    settings.pacer_style = static_cast<core::PacerStyle>(style);
    changed = true;
  }
  if (ImGui::Checkbox("Reduced motion (nothing grows)", &settings.reduced_motion)) changed = true;
  ImGui::SetNextItemWidth(260.0f * look.scale);
  if (ImGui::SliderFloat("Text size", &settings.font_scale, 0.75f, 2.0f, "%.2fx")) changed = true;
  ImGui::SetNextItemWidth(260.0f * look.scale);
  if (ImGui::SliderInt("Countdown", &settings.pre_roll_seconds, 0, 30, "%d s")) changed = true;
  ImGui::SetNextItemWidth(260.0f * look.scale);
  if (ImGui::SliderInt("Counts from", &settings.min_counted_seconds, 0, 120, "%d s")) changed = true;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Shorter practices stay in your history but not in your totals or streak.");
  ImGui::Spacing();
  ImGui::TextDisabled("SOUND");
  if (DrawSoundControls(&settings.sound, audio_status, 260.0f * look.scale, look)) changed = true;
  // The voice for prompts without a recording. Session lengths follow the voice, so a change applies from
  // the next start (the library measured every prompt with the voice it started with).
  // The names audio/speech.cpp knows (its kFliteVoices, and espeak-ng).
  static constexpr const char* kVoices[] = {"kal16", "slt", "rms", "awb", "espeak"};
  static constexpr const char* kVoiceLabels =
      "Natural (kal)\0Natural (slt)\0Natural (rms)\0Natural (awb)\0Robotic (espeak-ng)\0";
  int voice = 0;
  while (voice < 5 && settings.speech.english != kVoices[voice]) ++voice;
  ImGui::SetNextItemWidth(260.0f * look.scale);
  if (ImGui::Combo("English voice", &voice, kVoiceLabels) && voice < 5) {
    settings.speech.english = kVoices[voice];
    changed = true;
  }
  ImGui::SetNextItemWidth(260.0f * look.scale);
  if (ImGui::SliderInt("Speaking rate", &settings.speech.words_per_minute, core::kMinSpeechRate,
                       core::kMaxSpeechRate, "%d words/min")) {
    changed = true;
  }
  ImGui::TextDisabled("The voice and rate apply from the next start.");
  ImGui::TextDisabled("Captions are always shown.");
  if (changed) actions->settings = settings;
}

}  // namespace

LibraryRow MakeLibraryRow(const core::LibraryEntry& entry) {
  LibraryRow row;
  row.title = entry.title;
  row.ok = entry.ok;
  row.length = entry.ok ? core::FormatLength(entry.length) : "";
  row.people = entry.people;
  for (const std::string& tag : entry.tags) row.tags += (row.tags.empty() ? "" : "  ·  ") + tag;
  row.summary = entry.summary;
  row.source = SourceLabel(entry.source);
  row.path = entry.path;
  for (const core::Diagnostic& diagnostic : entry.diagnostics) row.diagnostics.push_back(diagnostic.Format());
  return row;
}

LibraryActions DrawLibrary(const LibraryView& view, const Look& look) {
  LibraryActions actions;
  const Palette& p = look.palette;
  const float s = look.scale;
  BeginScreen("##library");
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted("Attune");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("  Guided breathing and relaxation, for one person or two");
  if (!view.notice.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("%s", view.notice.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::SmallButton("Dismiss")) actions.dismiss_notice = true;
  }
  ImGui::Spacing();

  std::string text = view.filter.text;
  ImGui::SetNextItemWidth(340.0f * s);
  if (ImGui::InputTextWithHint("##search", "Search title, summary, tags", &text)) actions.filter_text = text;
  ImGui::SameLine();
  int people = view.filter.people;
  ImGui::SetNextItemWidth(200.0f * s);
  if (ImGui::Combo("##people", &people, "Anyone\0One person\0Two people\0")) actions.filter_people = people;
  ImGui::SameLine();
  int length = static_cast<int>(view.filter.length);
  ImGui::SetNextItemWidth(220.0f * s);
  if (ImGui::Combo("##length", &length,
                   "Any length\0Under 10 min\0"
                   "10 to 30 min\0Over 30 min\0")) {
    actions.filter_length = static_cast<core::LengthFilter>(length);
  }
  ImGui::SameLine();
  if (ImGui::Button("Quick timer")) actions.quick_timer = true;
  ImGui::SameLine();
  if (view.history_available) {
    if (ImGui::Button("History")) actions.show_history = true;
    ImGui::SameLine();
  }
  if (ImGui::Button(view.show_settings ? "Close settings" : "Settings")) actions.toggle_settings = true;

  const float settings_w = view.show_settings ? 460.0f * s : 0.0f;
  const float list_w =
      ImGui::GetContentRegionAvail().x - settings_w - (view.show_settings ? 16.0f * s : 0.0f);
  const float footer = ImGui::GetTextLineHeightWithSpacing() * 1.5f;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.background);
  ImGui::BeginChild("##list", ImVec2(list_w, -footer), false);
  if (view.rows.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled(view.total == 0 ? "No sessions found." : "No session matches these filters.");
    if (view.total > 0 && ImGui::Button("Clear filters")) actions.clear_filters = true;
  }
  for (std::size_t i = 0; i < view.rows.size(); ++i) {
    const LibraryRow& row = view.rows[i];
    ImGui::PushID(static_cast<int>(i));
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(0, 4.0f * s));
    ImGui::Indent(14.0f * s);
    ImGui::PushFont(look.fonts.heading);
    ImGui::TextUnformatted(VisualOrder(row.title).c_str());
    ImGui::PopFont();
    if (row.ok) {
      ImGui::TextDisabled("%s  ·  %s  ·  %s", row.length.c_str(),
                          row.people == 2 ? "two people" : "one person", row.source.c_str());
      if (!row.tags.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(p.accent, "   %s", VisualOrder(row.tags).c_str());
      }
      if (!row.summary.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + list_w - 60.0f * s);
        ImGui::TextUnformatted(VisualOrder(row.summary).c_str());  // wrapped by ImGui: per paragraph
        ImGui::PopTextWrapPos();
      }
    } else {
      ImGui::TextColored(p.error, "This script has errors and cannot play  ·  %s", row.path.c_str());
    }
    for (const std::string& line : row.diagnostics) {
      const bool error = line.find(": error: ") != std::string::npos;
      ImGui::PushStyleColor(ImGuiCol_Text, error ? p.error : p.warning);
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + list_w - 60.0f * s);
      ImGui::TextUnformatted(line.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopStyleColor();
    }
    ImGui::Unindent(14.0f * s);
    ImGui::Dummy(ImVec2(0, 4.0f * s));
    ImGui::EndGroup();
    const ImVec2 end(start.x + list_w - 20.0f * s, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos(start);
    if (ImGui::InvisibleButton("##row", ImVec2(end.x - start.x, end.y - start.y)) && row.ok) {
      actions.open = static_cast<int>(i);
    }
    const bool hovered = ImGui::IsItemHovered();
    const bool selected = static_cast<int>(i) == view.selected;
    if (selected && view.scroll_to_selected) ImGui::SetScrollHereY(0.3f);
    draw->ChannelsSetCurrent(0);
    draw->AddRectFilled(
        start, end, ToU32((hovered || selected) && row.ok ? p.surface_hover : p.surface, 0.8f), 10.0f * s);
    if (selected) draw->AddRect(start, end, ToU32(p.accent, 0.8f), 10.0f * s, 0, 2.0f * s);
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(start.x, end.y + 10.0f * s));
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  if (view.show_settings) {
    ImGui::SameLine();
    ImGui::BeginChild("##settings", ImVec2(settings_w, -footer), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding);
    DrawSettingsPanel(view.settings, view.audio_status, look, &actions);
    ImGui::EndChild();
  }
  ImGui::TextDisabled("%d of %d sessions  ·  Up/Down and Enter to open  ·  your own scripts go in %s",
                      static_cast<int>(view.rows.size()), view.total, view.user_folder.c_str());
  ImGui::End();
  return actions;
}

}  // namespace attune::ui
