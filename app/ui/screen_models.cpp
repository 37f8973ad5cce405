// app/ui/screen_models.cpp: the screens' view-models from plain inputs (see screen_models.hpp).
#include "ui/screen_models.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/time.hpp"

namespace attune::ui {

LibraryView MakeLibraryView(const std::vector<core::LibraryEntry>& entries, const std::vector<int>& visible,
                            const LibraryScreenState& state, const core::Settings& settings,
                            const std::string& notice, const std::string& user_folder,
                            bool history_available) {
  LibraryView view;
  for (const int index : visible)
    view.rows.push_back(MakeLibraryRow(entries[static_cast<std::size_t>(index)]));
  view.total = static_cast<int>(entries.size());
  view.filter = state.filter;
  view.user_folder = user_folder;
  view.notice = notice;
  view.settings = settings;
  view.show_settings = state.show_settings;
  view.history_available = history_available;
  view.selected = visible.empty() ? -1 : std::clamp(state.selected, 0, static_cast<int>(visible.size()) - 1);
  view.scroll_to_selected = state.scroll_to_selected;
  return view;
}

StartView MakeStartView(const core::LibraryEntry& entry, const core::Settings& settings,
                        const std::string& agenda, const std::string& notice) {
  StartView view;
  view.title = entry.title;
  view.summary = entry.summary;
  view.length = core::FormatLength(entry.length);
  view.people = entry.people;
  for (const std::string& tag : entry.tags) view.tags += (view.tags.empty() ? "" : "  ·  ") + tag;
  if (entry.timeline) {
    const core::Timeline& t = *entry.timeline;
    const std::size_t shown = std::min(t.steps.size(), kStartStepsListed);
    for (std::size_t i = 0; i < shown; ++i) {
      view.steps.push_back(
          fmt::format("{}   {}", t.steps[i].title, core::FormatLength(t.steps[i].end - t.steps[i].start)));
    }
    if (t.steps.size() > shown) view.steps.push_back(fmt::format("... and {} more", t.steps.size() - shown));
    view.name_a = settings.name_a.empty() ? t.a.name : settings.name_a;
    view.name_b = settings.name_b.empty() ? t.b.name : settings.name_b;
    view.colour_a = t.a.color;
    view.colour_b = t.b.color;
  }
  for (const core::Diagnostic& d : entry.diagnostics) view.warnings.push_back(d.Format());
  view.settings = settings;
  view.agenda = agenda;
  view.notice = notice;
  return view;
}

PlayerChrome MakePlayerChrome(const ChromeInputs& inputs, const core::Settings& settings) {
  PlayerChrome chrome;
  chrome.show_controls = !inputs.screenshot && inputs.mouse_recent;
  chrome.blank = inputs.blank;
  chrome.audience = inputs.audience;
  chrome.reduced_motion = settings.reduced_motion;
  chrome.pacer_style = settings.pacer_style;
  chrome.confirm_stop = inputs.confirm_stop;
  chrome.volume = settings.sound.master;
  chrome.muted = settings.sound.muted;
  chrome.notice = inputs.screenshot ? std::string() : inputs.audio_status;
  chrome.agenda = inputs.agenda;
  return chrome;
}

EndView MakeEndView(const core::EndSummary& summary, const std::string& streak,
                    const core::LibraryEntry* next, const std::string& saving) {
  EndView view;
  view.summary = summary;
  view.streak = streak;
  view.saving = saving;
  if (next != nullptr) view.next = next->title;
  return view;
}

std::string StreakLine(int current_streak) {
  if (current_streak <= 0) return "";
  if (current_streak == 1) return "Your first day of a new streak";
  return fmt::format("{} days in a row", current_streak);
}

std::string WindowTitle(core::Screen screen, const core::LibraryEntry* open) {
  if (screen == core::Screen::kLibrary || open == nullptr) return "Attune";
  return open->title + " — Attune";
}

}  // namespace attune::ui
