// app/platform/app_controller_draw.cpp: the screens the controller draws (library, start, quick timer,
// player, end, history, presenter), each from its view-model, and what the player shows (view, chrome,
// signature for frame pacing). The actions they return are carried out in app_controller.cpp.
#include <fmt/format.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/compile_file.hpp"
#include "core/names.hpp"
#include "core/paths.hpp"
#include "core/streaks.hpp"
#include "platform/app_controller.hpp"
#include "ui/history_view.hpp"
#include "ui/key_help.hpp"
#include "ui/library_screen.hpp"
#include "ui/start_screen.hpp"

namespace attune::platform {

using core::Screen;

core::PlayerView AppController::View(Micros now) const {
  // The partners' names are already in the timeline (compiled with them), so the view needs no options.
  return core::BuildPlayerView(*timeline_, player_->status(), player_->SessionTime(now),
                               player_->PreRollLeft(now));
}

ui::PlayerChrome AppController::Chrome(Micros now) const {
  ui::ChromeInputs inputs;
  inputs.screenshot = !options_.screenshot.empty();
  inputs.mouse_recent = ControlsShown(now, last_mouse_);
  inputs.blank = nav_.blank();
  inputs.audience = audience_;
  inputs.confirm_stop = nav_.confirming_stop();
  inputs.audio_status = audio_.status();
  if (!sound_notice_.empty())
    inputs.audio_status += (inputs.audio_status.empty() ? "" : "  ·  ") + sound_notice_;
  inputs.agenda = agenda_.Text(nav_.session());
  return ui::MakePlayerChrome(inputs, settings_);
}

std::string AppController::Signature(Micros now) const {
  if (nav_.screen() != Screen::kPlayer || !player_) return "";
  const core::PlayerView view = View(now);
  const double range = pacer_pixels_ > 0.0f ? static_cast<double>(pacer_pixels_) : 400.0;
  std::string sig =
      fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(view.status), view.step_number,
                  view.elapsed.count() / 1'000'000, view.caption, view.pre_roll_seconds,
                  view.rest_left.count() / 1'000'000, view.turn_left.count() / 1'000'000,
                  std::lround(view.tension * 600.0), view.region, nav_.blank(), nav_.confirming_stop(),
                  ControlsShown(now, last_mouse_) && options_.screenshot.empty(),
                  (view.duration - view.elapsed).count() / 1'000'000);
  sig += audio_.status() + sound_notice_;
  for (const core::PacerView& pacer : view.pacers) {
    sig += fmt::format("|{}|{}|{}|{}", pacer.label, pacer.seconds_left, std::lround(pacer.lungs * range),
                       pacer.caption);
  }
  return sig;
}

void AppController::DrawMain(const ui::Look& look, Micros now) {
  switch (nav_.screen()) {
    case Screen::kLibrary:
      DrawLibrary(look);
      break;
    case Screen::kStart:
      DrawStart(look, now);
      break;
    case Screen::kPlayer: {
      const ui::PlayerActions actions = ui::DrawPlayer(View(now), Chrome(now), look);
      pacer_pixels_ = actions.pacer_pixels;
      ApplyPlayerActions(actions, now);
      break;
    }
    case Screen::kHistory:
      DrawHistory(look);
      break;
    case Screen::kQuickTimer:
      DrawQuickTimer(look, now);
      break;
    case Screen::kEnd:
      DrawEnd(look, now);
      break;
  }
  if (help_open_) {
    std::vector<std::pair<std::string, std::string>> lines;
    for (const KeyHelp& help : KeyHelpFor(nav_.screen())) lines.emplace_back(help.keys, help.action);
    if (ui::DrawKeyHelp(lines, look)) help_open_ = false;
  }
}

void AppController::DrawLibrary(const ui::Look& look) {
  ui::LibraryView view = ui::MakeLibraryView(library_->entries(), visible_, library_screen_, settings_,
                                             notice_, core::UserSessionsDir(), saver_.history() != nullptr);
  view.audio_status = audio_.status();
  const ui::LibraryActions actions = ui::DrawLibrary(view, look);
  core::LibraryFilter& filter = library_screen_.filter;
  if (actions.filter_text) filter.text = *actions.filter_text;
  if (actions.filter_people) filter.people = *actions.filter_people;
  if (actions.filter_length) filter.length = *actions.filter_length;
  if (actions.clear_filters) filter = core::LibraryFilter{};
  if (actions.filter_text || actions.filter_people || actions.filter_length || actions.clear_filters) {
    visible_ = library_->Filter(filter);
    library_screen_.selected = 0;
  }
  library_screen_.scroll_to_selected = false;
  if (actions.toggle_settings) library_screen_.show_settings = !library_screen_.show_settings;
  if (actions.show_history) nav_.ShowHistory(saver_.history() != nullptr);
  if (actions.quick_timer) {
    quick_view_ = ui::MakeQuickTimerView(quick_spec_);
    nav_.ShowQuickTimer();
  }
  if (actions.dismiss_notice) notice_.clear();
  if (actions.settings) ChangeSettings(*actions.settings);
  if (actions.open >= 0 && actions.open < static_cast<int>(visible_.size())) {
    library_screen_.selected = actions.open;
    OpenEntry(
        library_->entries()[static_cast<std::size_t>(visible_[static_cast<std::size_t>(actions.open)])]);
  }
  if (actions.quit) quit_ = true;
}

void AppController::DrawStart(const ui::Look& look, Micros now) {
  const core::LibraryEntry* entry = core::FindEntry(*library_, nav_.session());
  if (entry == nullptr) {
    nav_.Back();
    return;
  }
  ui::StartView view = ui::MakeStartView(*entry, settings_, agenda_.Text(nav_.session()), notice_);
  view.audio_status = audio_.status();
  const ui::StartActions actions = ui::DrawStart(view, look);
  if (actions.name_a) {
    settings_.name_a = *actions.name_a;
    settings_dirty_ = true;
  }
  if (actions.name_b) {
    settings_.name_b = *actions.name_b;
    settings_dirty_ = true;
  }
  if (actions.settings) ChangeSettings(*actions.settings);
  if (actions.back) nav_.Back();
  if (actions.start) StartPlaying(now);
}

void AppController::DrawHistory(const ui::Look& look) {
  core::History* history = saver_.history();
  if (history == nullptr) {
    nav_.Back();
    return;
  }
  const std::string now_local = core::FormatLocalIso(UtcNowMicros());
  ui::HistoryView view = ui::MakeHistoryView(history->All(), now_local, core::StreakSettingsFrom(settings_));
  view.notice = history_notice_;
  view.confirm_delete = history_confirm_;
  const ui::HistoryActions actions = ui::DrawHistory(view, look);
  if (actions.dismiss_notice) history_notice_.clear();
  if (actions.delete_row != 0) history_confirm_ = actions.delete_row;
  if (actions.cancel_delete) history_confirm_ = 0;
  if (actions.confirm_delete && history_confirm_ != 0) {
    history_notice_ = history->Delete(history_confirm_) ? "The practice was deleted."
                      : history->failure().empty()      ? "That practice could not be deleted."
                                                        : "Not deleted: " + history->failure() + ".";
    history_confirm_ = 0;
  }
  if (actions.export_csv) {
    const std::vector<core::Practice> practices = history->All();
    std::string error;
    const std::string path =
        core::ExportHistoryCsv(practices, core::DocumentsDir(), now_local.substr(0, 10), &error);
    history_notice_ = path.empty() ? "Not exported: " + error + "."
                                   : fmt::format("Exported {} {} to {}", practices.size(),
                                                 practices.size() == 1 ? "practice" : "practices", path);
  }
  if (actions.back) {
    history_notice_.clear();
    nav_.Back();
  }
}

void AppController::DrawQuickTimer(const ui::Look& look, Micros now) {
  const ui::QuickTimerActions actions = ui::DrawQuickTimer(quick_view_, look);
  if (actions.spec) {
    quick_spec_ = *actions.spec;
    quick_view_ = ui::MakeQuickTimerView(quick_spec_);
  }
  if (actions.save) {
    const core::QuickTimerSave saved = core::SaveQuickTimer(quick_spec_, core::UserSessionsDir());
    quick_view_.saved_to = saved.ok ? saved.path : "";
    quick_view_.save_error = saved.ok ? "" : saved.error;
    if (saved.ok) {
      library_->Refresh();
      visible_ = library_->Filter(library_screen_.filter);
    }
  }
  if (actions.back) nav_.Back();
  if (actions.start) {
    core::CompileOptions compile;
    compile.speech = &speech_;
    core::QuickTimerBuild build = core::BuildQuickTimer(quick_spec_, compile);
    if (build.timeline) {
      StartTimeline(std::make_shared<const core::Timeline>(std::move(*build.timeline)), "", build.yaml, now);
    }
  }
}

void AppController::DrawEnd(const ui::Look& look, Micros now) {
  const std::optional<std::string> next = agenda_.Next(nav_.session());
  const ui::EndActions actions =
      ui::DrawEnd(ui::MakeEndView(end_summary_, streak_, next ? core::FindEntry(*library_, *next) : nullptr,
                                  saver_.Status(end_key_)),
                  look);
  if (actions.again && played_) StartTimeline(played_, played_path_, played_script_, now);
  if (actions.library) nav_.Back();
  if (actions.next) StartAgendaItem(agenda_.current() + 1, true, now);
  if (actions.quit) quit_ = true;
}

void AppController::DrawPresenter(const ui::Look& look, Micros now) {
  if (nav_.screen() == Screen::kPlayer && player_) {
    ApplyPlayerActions(ui::DrawPresenter(View(now), Chrome(now), look), now);
    return;
  }
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("##presenter_idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  ImGui::TextDisabled("The facilitator's view appears here while a session plays.");
  ImGui::End();
}

}  // namespace attune::platform
