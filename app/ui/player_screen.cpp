// app/ui/player_screen.cpp: the player (pacers, gauge, body figure, captions, controls) and the presenter.
#include "ui/player_screen.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/player_draw.hpp"

namespace attune::ui {
namespace {

using core::PlayerStatus;
using core::StepKind;

using player_draw::CaptionSize;
using player_draw::DrawBarPacer;
using player_draw::DrawBell;
using player_draw::DrawBody;
using player_draw::DrawCirclePacer;
using player_draw::DrawFitted;
using player_draw::DrawRest;
using player_draw::DrawTension;
using player_draw::DrawTurns;
using player_draw::F;
using player_draw::PacerColour;
using player_draw::PlayerLayout;
using player_draw::Rect;
using player_draw::TextAt;
using player_draw::TextCentred;
using player_draw::TextWidth;

PlayerLayout LayOut(const ImVec2& display, const Look& look, const PlayerChrome& chrome, int people) {
  PlayerLayout l;
  const float s = look.scale;
  const float body = look.fonts.body->FontSize;
  l.margin = 32.0f * s;
  l.caption_size = CaptionSize(look, display.y);
  l.label_size = std::max(look.fonts.heading->FontSize, l.caption_size);
  l.title_y = l.margin * 0.75f;
  float top = l.title_y + body * 1.6f;
  l.notice_y = top;
  if (!chrome.notice.empty()) top += body * 1.4f;
  l.mode_y = top;
  if (people == 2) top += body * 1.6f;
  const float bar_h = std::max(3.0f, 4.0f * s);
  float bottom = display.y - bar_h - l.margin * 0.6f;
  if (!chrome.audience) {
    bottom -= body * 1.3f;
    l.next_y = bottom;
  }
  bottom -= l.caption_size * 0.3f;
  const float x0 = l.margin;
  const float x1 = display.x - l.margin;
  const float caption_width = std::min(display.x * 0.84f, 1500.0f * s);
  const float cx = display.x * 0.5f;
  l.steady = Rect{cx - caption_width * 0.5f, bottom - body * 1.6f, cx + caption_width * 0.5f, bottom};
  l.caption = Rect{l.steady.x0, l.steady.y0 - l.caption_size * 2.5f, l.steady.x1, l.steady.y0};
  l.stage = Rect{x0, top + body * 0.5f, x1, std::max(top + body * 0.5f + 40.0f, l.caption.y0 - body * 0.8f)};
  return l;
}

// The large caption and the steady line, each in its own fixed band (without a steady line, a long
// caption may use its band too, rather than shrink further).
void DrawCaptions(ImDrawList* draw, const Rect& large, const Rect& steady, const std::string& caption,
                  const std::string& line, const PlayerLayout& layout, const Look& look, ImU32 large_colour) {
  const float body = look.fonts.body->FontSize;
  const bool fits =
      MeasureCentredText(look.fonts.caption, layout.caption_size, large.Width(), caption) <= large.Height();
  const Rect box = line.empty() && !fits ? Rect{large.x0, large.y0, large.x1, steady.y1} : large;
  DrawFitted(draw, look.fonts.caption, layout.caption_size, body * 0.8f, box, large_colour, caption);
  const ImU32 quiet = ToU32(Mix(look.palette.muted, look.palette.text, 0.35f));
  DrawFitted(draw, look.fonts.body, body * 0.9f, body * 0.64f, steady, quiet, line);
}

bool Button(const char* label, const Look& look) {
  return ImGui::Button(label, ImVec2(0, look.fonts.body->FontSize + 18.0f * look.scale));
}

void DrawControls(const core::PlayerView& view, const PlayerChrome& chrome, const Look& look,
                  PlayerActions* actions) {
  const bool paused = view.status == PlayerStatus::kPaused;
  if (Button("< Previous", look)) actions->previous = true;
  ImGui::SameLine();
  if (view.waiting) {
    if (Button("Continue", look)) actions->continue_gate = true;
  } else if (Button(paused ? "Resume" : "Pause", look)) {
    actions->toggle_pause = true;
  }
  ImGui::SameLine();
  if (Button("Next >", look)) actions->next = true;
  ImGui::SameLine();
  if (view.kind == StepKind::kRest) {
    if (Button("+1 min", look)) actions->extend_rest = true;
    ImGui::SameLine();
  }
  if (Button("Stop", look)) actions->stop = true;
  ImGui::SameLine();
  ImGui::TextDisabled("  Volume %d%%%s", static_cast<int>(std::lround(chrome.volume * 100.0f)),
                      chrome.muted ? " (muted)" : "");
  ImGui::SameLine();
  if (Button("-", look)) actions->volume_down = true;
  ImGui::SameLine();
  if (Button("+", look)) actions->volume_up = true;
  ImGui::SameLine();
  if (Button(chrome.muted ? "Unmute" : "Mute", look)) actions->toggle_mute = true;
  ImGui::SameLine();
  if (Button("Fullscreen", look)) actions->toggle_fullscreen = true;
}

void DrawConfirmStop(const Look& look, PlayerActions* actions) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ImVec2 size(460.0f * look.scale, 170.0f * look.scale);
  ImGui::SetNextWindowPos(ImVec2((display.x - size.x) * 0.5f, (display.y - size.y) * 0.5f));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, look.palette.surface);
  ImGui::Begin("##confirm_stop", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted("Stop this session?");
  ImGui::PopFont();
  ImGui::TextDisabled("Enter stops, Esc keeps going.");
  if (Button("Stop", look)) actions->confirm_stop = true;
  ImGui::SameLine();
  if (Button("Keep going", look)) actions->cancel_stop = true;
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace

PlayerActions DrawPlayer(const core::PlayerView& view, const PlayerChrome& chrome, const Look& look) {
  PlayerActions actions;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const Palette& p = look.palette;
  // No window background: the frame is cleared to the theme's background, and a full-screen quad would
  // double the pixels software GL shades each frame.
  BeginScreen("##player", ImGuiWindowFlags_NoBackground);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  if (chrome.blank) {
    // Edge to edge: the window's own draw list is clipped inside its padding, which would leave strips of
    // the theme's colour around a "blank" projector.
    ImGui::GetBackgroundDrawList()->AddRectFilled(ImVec2(0, 0), display, IM_COL32(0, 0, 0, 255));
    ImGui::End();
    return actions;
  }
  const float s = look.scale;
  const float body = look.fonts.body->FontSize;
  const ImU32 muted = ToU32(p.muted);
  const float width = display.x;
  const float height = display.y;
  const PlayerLayout layout = LayOut(display, look, chrome, view.people);
  const float margin = layout.margin;
  const Rect& stage = layout.stage;
  const bool pre_roll = view.status == PlayerStatus::kPreRoll;

  // Top line: title, step, clocks; then the notice and, for two, the breathing mode.
  TextAt(draw, look.fonts.body, body, ImVec2(margin, layout.title_y), muted,
         chrome.agenda.empty() ? view.title : view.title + "  ·  " + chrome.agenda);
  if (!pre_roll && view.step_count > 0) {
    const std::string clocks = fmt::format(
        "{}  ·  {} left", core::FormatClock(view.elapsed - core::Micros(view.elapsed.count() % 1'000'000)),
        core::FormatClock(view.remaining));
    TextAt(draw, look.fonts.body, body,
           ImVec2(width - margin - TextWidth(look.fonts.body, body, clocks), layout.title_y), muted, clocks);
    if (!chrome.audience) {
      TextCentred(draw, look.fonts.body, body, width * 0.5f, layout.title_y, ToU32(p.text, 0.85f),
                  fmt::format("{}   ({} of {})", view.step_title, view.step_number, view.step_count));
    }
  }
  if (!chrome.notice.empty()) {
    TextCentred(draw, look.fonts.body, body * 0.9f, width * 0.5f, layout.notice_y, ToU32(p.warning, 0.85f),
                chrome.notice);
  }
  if (!view.mode_text.empty() && !pre_roll) {
    TextCentred(draw, look.fonts.body, body, width * 0.5f, layout.mode_y, muted, view.mode_text);
  }

  // Bottom: progress bar and the next step.
  const float bar_h = std::max(3.0f, 4.0f * s);
  draw->AddRectFilled(ImVec2(0, height - bar_h), ImVec2(width, height), ToU32(p.guide, 0.7f));
  draw->AddRectFilled(ImVec2(0, height - bar_h),
                      ImVec2(width * F(std::clamp(view.progress, 0.0, 1.0)), height), ToU32(p.accent, 0.8f));
  if (!view.next_title.empty() && !pre_roll && !chrome.audience) {
    TextCentred(draw, look.fonts.body, body, width * 0.5f, layout.next_y, muted, "Next: " + view.next_title);
  }

  // The stage, and the captions in their bands under it. A `say` step, a wait gate and the pre-roll put
  // their text in the middle of the stage instead.
  const float middle_size = std::min(look.fonts.caption->FontSize, layout.caption_size * 1.1f);
  if (pre_roll) {
    const float size = std::min(look.fonts.digits->FontSize, stage.Height() * 0.45f);
    float y = stage.CentreY() - size;
    TextCentred(draw, look.fonts.caption, layout.caption_size, stage.CentreX(),
                y - layout.caption_size * 1.6f, ToU32(p.text), "Get comfortable");
    TextCentred(draw, look.fonts.digits, size, stage.CentreX(), y, ToU32(p.accent),
                std::to_string(view.pre_roll_seconds));
    y += size * 1.3f;
    TextCentred(draw, look.fonts.body, body, stage.CentreX(), y, muted,
                "Starting in a moment. Space pauses.");
  } else if (view.waiting) {
    // The room sees the wait text (or the step's prompt); how to go on is for whoever holds the controls.
    const Rect text{stage.x0, stage.y0, stage.x1, stage.CentreY() + middle_size};
    DrawFitted(draw, look.fonts.caption, middle_size, body * 0.8f, text, ToU32(p.text), view.caption);
    if (!chrome.audience) {
      // The operator's way on, on screen whether or not the controls show (a wait may last minutes, the
      // mouse long still); the room's prompt stays above it.
      const float button_w = 220.0f * s;
      const float button_y = stage.CentreY() + middle_size * 1.2f;
      ImGui::SetCursorScreenPos(ImVec2(stage.CentreX() - button_w * 0.5f, button_y));
      ImGui::PushFont(look.fonts.heading);
      if (ImGui::Button("Continue##gate", ImVec2(button_w, 0))) actions.continue_gate = true;
      const float button_h = ImGui::GetItemRectSize().y;
      ImGui::PopFont();
      TextCentred(draw, look.fonts.body, body, stage.CentreX(), button_y + button_h + body * 0.6f, muted,
                  "or press Space or Right");
    }
  } else if (view.kind == StepKind::kSay) {
    DrawFitted(draw, look.fonts.caption, middle_size, body * 0.8f, stage, ToU32(p.text), view.caption);
  } else {
    if (view.kind == StepKind::kBreathe && !view.pacers.empty()) {
      const int n = static_cast<int>(view.pacers.size());
      const float w = stage.Width() / static_cast<float>(n);
      bool own_captions = false;
      for (const core::PacerView& pacer : view.pacers)
        own_captions = own_captions || !pacer.caption.empty() || !pacer.steady_line.empty();
      for (int i = 0; i < n; ++i) {
        const float x0 = stage.x0 + w * static_cast<float>(i);
        const Rect area{x0, stage.y0, x0 + w, stage.y1};
        const core::PacerView& pacer = view.pacers[static_cast<std::size_t>(i)];
        const float pixels = chrome.reduced_motion || chrome.pacer_style == core::PacerStyle::kBar
                                 ? DrawBarPacer(draw, pacer, area, layout, look, view.people)
                                 : DrawCirclePacer(draw, pacer, area, layout, look, view.people);
        actions.pacer_pixels = std::max(actions.pacer_pixels, pixels);
        if (own_captions) {
          // A prompt for one partner shows under their own pacer; one for both fills the other side.
          const float cw = layout.caption.Width() / static_cast<float>(n);
          const float cx0 = layout.caption.x0 + cw * static_cast<float>(i);
          const Rect large{cx0 + 8.0f * s, layout.caption.y0, cx0 + cw - 8.0f * s, layout.caption.y1};
          const Rect steady{large.x0, layout.steady.y0, large.x1, layout.steady.y1};
          const bool own_large = !pacer.caption.empty();
          DrawCaptions(draw, large, steady, own_large ? pacer.caption : view.caption,
                       pacer.steady_line.empty() ? view.steady_line : pacer.steady_line, layout, look,
                       own_large ? ToU32(PacerColour(pacer, look, view.people)) : ToU32(p.text));
        }
      }
      if (!own_captions) {
        DrawCaptions(draw, layout.caption, layout.steady, view.caption, view.steady_line, layout, look,
                     ToU32(p.text));
      }
    } else {
      if (view.kind == StepKind::kPmr) {
        DrawTension(draw, view, stage, layout, look);
      } else if (view.kind == StepKind::kBodyScan) {
        DrawBody(draw, view, stage, layout, look);
      } else if (view.kind == StepKind::kRest) {
        DrawRest(draw, view, stage, look);
      } else if (view.kind == StepKind::kTurns) {
        DrawTurns(draw, view, stage, look);
      } else if (view.kind == StepKind::kBell) {
        DrawBell(draw, stage, look);
      }
      DrawCaptions(draw, layout.caption, layout.steady, view.caption, view.steady_line, layout, look,
                   ToU32(p.text));
    }
  }
  if (view.status == PlayerStatus::kPaused) {
    const float size = look.fonts.heading->FontSize;
    const ImVec2 a(width * 0.5f - 150.0f * s, stage.y0);
    draw->AddRectFilled(a, ImVec2(a.x + 300.0f * s, a.y + size * 2.6f), ToU32(p.surface, 0.92f), 12.0f * s);
    TextCentred(draw, look.fonts.heading, size, width * 0.5f, a.y + size * 0.3f, ToU32(p.text), "Paused");
    TextCentred(draw, look.fonts.body, body, width * 0.5f, a.y + size * 1.5f, muted, "Space resumes");
  }

  // The controls lie over the bottom of the screen while the mouse moves, so nothing above them moves.
  if (chrome.show_controls && !chrome.audience) {
    const float controls_h = body + 40.0f * s;
    const float y = height - bar_h - margin * 0.4f - controls_h;
    draw->AddRectFilled(ImVec2(0, y - 6.0f * s), ImVec2(width, height - bar_h), ToU32(p.background, 0.94f));
    ImGui::SetCursorPos(ImVec2(margin, y + 4.0f * s));
    DrawControls(view, chrome, look, &actions);
  }
  ImGui::End();
  if (chrome.confirm_stop) DrawConfirmStop(look, &actions);
  return actions;
}

PlayerActions DrawPresenter(const core::PlayerView& view, const PlayerChrome& chrome, const Look& look) {
  PlayerActions actions;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const Palette& p = look.palette;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(display);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, p.background);
  ImGui::Begin("##presenter", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted(VisualOrder(view.title).c_str());
  ImGui::PopFont();
  if (!chrome.agenda.empty()) ImGui::TextDisabled("%s", chrome.agenda.c_str());
  ImGui::TextDisabled("Status: %s", core::ToString(view.status));
  ImGui::Separator();
  ImGui::PushFont(look.fonts.caption);
  ImGui::Text("%s  /  %s",
              core::FormatClock(view.elapsed - core::Micros(view.elapsed.count() % 1'000'000)).c_str(),
              core::FormatClock(view.duration).c_str());
  ImGui::PopFont();
  ImGui::Text("Remaining %s   ·   this step %s left", core::FormatClock(view.remaining).c_str(),
              core::FormatClock(view.step_length - view.step_elapsed).c_str());
  ImGui::ProgressBar(F(view.progress), ImVec2(-1, 8.0f * look.scale), "");
  ImGui::Spacing();
  ImGui::TextDisabled("NOW  (step %d of %d)", view.step_number, view.step_count);
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextWrapped("%s", VisualOrder(view.step_title).c_str());
  ImGui::PopFont();
  for (const core::PacerView& pacer : view.pacers) {
    ImGui::TextColored(ParseHexColour(pacer.color, p.accent), "%s%s%s  %d s", VisualOrder(pacer.name).c_str(),
                       pacer.name.empty() ? "" : ": ", pacer.label.c_str(), pacer.seconds_left);
  }
  if (!view.caption.empty()) ImGui::TextWrapped("Caption: %s", VisualOrder(view.caption).c_str());
  if (!view.steady_line.empty()) ImGui::TextWrapped("Line: %s", VisualOrder(view.steady_line).c_str());
  if (!view.phase_label.empty()) ImGui::TextWrapped("%s: %s", view.phase_label.c_str(), view.group.c_str());
  if (view.waiting) ImGui::TextDisabled("Waiting: Space, Right or Continue goes on");
  if (!view.note.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, p.warning);
    ImGui::TextWrapped("Note: %s", VisualOrder(view.note).c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("NEXT");
  ImGui::TextWrapped("%s", view.next_title.empty() ? "The end" : VisualOrder(view.next_title).c_str());
  if (!view.next_note.empty()) ImGui::TextWrapped("Note: %s", view.next_note.c_str());
  ImGui::Spacing();
  ImGui::Separator();
  DrawControls(view, chrome, look, &actions);
  ImGui::End();
  ImGui::PopStyleColor();
  if (chrome.confirm_stop) DrawConfirmStop(look, &actions);
  return actions;
}

}  // namespace attune::ui
