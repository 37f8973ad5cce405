#include "ui/quick_timer_view.hpp"

#include <array>

namespace attune::ui {
namespace {

const char* PatternHint(core::QuickPattern pattern) {
  switch (pattern) {
    case core::QuickPattern::kBox:
      return "In 4, hold 4, out 4, hold 4. Steadying; shorten a hold whenever you like.";
    case core::QuickPattern::k478:
      return "In 4 through the nose, hold 7, out 8 through the mouth. New to it? Keep to about 4 breaths "
             "(a minute and a half).";
    case core::QuickPattern::kCoherent:
      return "In 5, out 5: six slow breaths a minute. 10 to 20 minutes is a common practice.";
    case core::QuickPattern::kSigh:
      return "A full breath in through the nose, a short second sip, then a long slow breath out.";
    case core::QuickPattern::kCustom:
      return "Your own four numbers, in seconds. In and out at least 0.5 s; a breath at most 2 minutes.";
  }
  return "";
}

}  // namespace

QuickTimerView MakeQuickTimerView(const core::QuickTimerSpec& spec) {
  QuickTimerView view;
  view.spec = spec;
  view.title = core::QuickTimerTitle(spec);
  const core::QuickTimerBuild build = core::BuildQuickTimer(spec);
  view.problems = build.problems;
  if (build.timeline) view.length = core::FormatLength(build.timeline->duration);
  return view;
}

QuickTimerActions DrawQuickTimer(const QuickTimerView& view, const Look& look) {
  QuickTimerActions actions;
  core::QuickTimerSpec spec = view.spec;
  bool changed = false;
  BeginScreen("##quick_timer");
  if (ImGui::Button("Back")) actions.back = true;
  ImGui::SameLine();
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted("Quick timer");
  ImGui::PopFont();
  ImGui::Spacing();

  if (ImGui::BeginTable("##quick_timer_columns", 2, ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextColumn();
    ImGui::TextColored(look.palette.muted, "Pattern");
    for (const core::QuickPattern pattern : core::kQuickPatterns) {
      core::QuickTimerSpec shown = spec;
      shown.pattern = pattern;
      const std::string label =
          pattern == core::QuickPattern::kCustom
              ? std::string("Your own")
              : std::string(core::DisplayName(pattern)) + " (" + core::QuickPatternText(shown) + ")";
      if (ImGui::RadioButton(label.c_str(), spec.pattern == pattern)) {
        spec.pattern = pattern;
        changed = true;
      }
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(look.palette.muted, "%s", PatternHint(spec.pattern));
    ImGui::PopTextWrapPos();
    if (spec.pattern == core::QuickPattern::kCustom) {
      static constexpr std::array<const char*, 4> kLabels = {"In (s)", "Hold (s)", "Out (s)", "Hold out (s)"};
      for (std::size_t i = 0; i < 4; ++i) {
        float value = static_cast<float>(spec.custom[i]);
        ImGui::SetNextItemWidth(150.0f * look.scale);
        if (ImGui::InputFloat(kLabels[i], &value, 0.5f, 1.0f, "%.1f")) {
          spec.custom[i] = static_cast<double>(value);
          changed = true;
        }
        if (i % 2 == 0) ImGui::SameLine(0.0f, 24.0f * look.scale);
      }
    }
    ImGui::TableNextColumn();
    ImGui::TextColored(look.palette.muted, "Minutes");
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::SliderInt("##minutes", &spec.minutes, 1, 60, "%d min")) changed = true;
    ImGui::Spacing();
    ImGui::TextColored(look.palette.muted, "People");
    if (ImGui::RadioButton("Just me", spec.people == 1)) {
      spec.people = 1;
      changed = true;
    }
    ImGui::SameLine();
    if (ImGui::RadioButton("Two of us", spec.people == 2)) {
      spec.people = 2;
      changed = true;
    }
    if (spec.people == 2) {
      ImGui::Spacing();
      ImGui::TextColored(look.palette.muted, "Mode");
      const std::array<std::pair<core::BreathMode, const char*>, 3> modes = {{
          {core::BreathMode::kTogether, "Together: in and out at once"},
          {core::BreathMode::kAlternate, "Alternate: one breathes in while the other breathes out"},
          {core::BreathMode::kHalf, "Half: B takes one breath for two of A's"},
      }};
      for (const auto& [mode, label] : modes) {
        if (ImGui::RadioButton(label, spec.mode == mode)) {
          spec.mode = mode;
          changed = true;
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted(view.title.c_str());
  ImGui::PopFont();
  if (!view.length.empty())
    ImGui::TextColored(look.palette.muted, "%s, with a bell at the end", view.length.c_str());
  for (const std::string& problem : view.problems)
    ImGui::TextColored(look.palette.error, "%s", problem.c_str());
  const bool ok = view.problems.empty();
  ImGui::BeginDisabled(!ok);
  if (ImGui::Button("Start")) actions.start = true;
  ImGui::SameLine();
  if (ImGui::Button("Save as session")) actions.save = true;
  ImGui::EndDisabled();
  if (!view.saved_to.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(look.palette.muted, "Saved to %s. It is now in your library.", view.saved_to.c_str());
    ImGui::PopTextWrapPos();
  }
  if (!view.save_error.empty()) ImGui::TextColored(look.palette.error, "%s", view.save_error.c_str());
  ImGui::End();
  if (changed) actions.spec = spec;
  return actions;
}

}  // namespace attune::ui
