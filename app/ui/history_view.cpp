#include "ui/history_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace attune::ui {
namespace {

using core::DayTotal;
using core::HistoryStats;

// One figure on a card: a small label above a large value.
void DrawStatCard(const Look& look, const char* label, const std::string& value, const std::string& detail,
                  float width) {
  const Palette& p = look.palette;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float height = 96.0f * look.scale;
  draw->AddRectFilled(top, ImVec2(top.x + width, top.y + height), ToU32(p.surface), 10.0f * look.scale);
  const float pad = 12.0f * look.scale;
  draw->AddText(look.fonts.body, look.fonts.body->FontSize, ImVec2(top.x + pad, top.y + pad), ToU32(p.muted),
                label);
  draw->AddText(look.fonts.heading, look.fonts.heading->FontSize,
                ImVec2(top.x + pad, top.y + pad + look.fonts.body->FontSize + 2.0f * look.scale),
                ToU32(p.text), value.c_str());
  draw->AddText(look.fonts.body, look.fonts.body->FontSize * 0.85f,
                ImVec2(top.x + pad, top.y + height - pad - look.fonts.body->FontSize * 0.85f), ToU32(p.muted),
                detail.c_str());
  ImGui::Dummy(ImVec2(width, height));
}

ImU32 HeatColour(const Look& look, int level) {
  if (level == 0) return ToU32(look.palette.guide);
  static constexpr std::array<float, 5> kMix = {0.0f, 0.35f, 0.6f, 0.8f, 1.0f};
  return ToU32(Mix(look.palette.surface, look.palette.accent, kMix[static_cast<std::size_t>(level)]));
}

std::string DayTooltip(const DayTotal& day) {
  return fmt::format("{}: {} {}, {}", core::FormatDate(day.day), day.sessions,
                     day.sessions == 1 ? "session" : "sessions", core::FormatMinutes(day.practised));
}

// 12 columns of weeks, 7 rows of days (Monday on top), today outlined; days after today are left out.
void DrawCalendar(const HistoryStats& stats, const Look& look) {
  const Palette& p = look.palette;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float cell = 20.0f * look.scale;
  const float gap = 4.0f * look.scale;
  const float label_w = 24.0f * look.scale;
  const float font = look.fonts.body->FontSize * 0.8f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 grid(origin.x + label_w, origin.y + font + gap);
  static constexpr std::array<const char*, 7> kDays = {"M", "", "W", "", "F", "", "S"};
  for (int row = 0; row < 7; ++row) {
    draw->AddText(look.fonts.body, font,
                  ImVec2(origin.x, grid.y + static_cast<float>(row) * (cell + gap) + 2.0f), ToU32(p.muted),
                  kDays[static_cast<std::size_t>(row)]);
  }
  int last_month = 0;
  for (std::size_t i = 0; i < stats.calendar.size(); ++i) {
    const DayTotal& day = stats.calendar[i];
    const int week = static_cast<int>(i / 7);
    const int row = static_cast<int>(i % 7);
    const ImVec2 a(grid.x + static_cast<float>(week) * (cell + gap),
                   grid.y + static_cast<float>(row) * (cell + gap));
    const ImVec2 b(a.x + cell, a.y + cell);
    const core::CivilDate date = core::CivilFromDays(day.day);
    if (row == 0 && date.month != last_month) {
      static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
      draw->AddText(look.fonts.body, font, ImVec2(a.x, origin.y), ToU32(p.muted),
                    kMonths[static_cast<std::size_t>(date.month - 1)]);
      last_month = date.month;
    }
    if (day.day > stats.today) continue;
    draw->AddRectFilled(a, b, HeatColour(look, core::HeatLevel(day)), 3.0f * look.scale);
    if (day.day == stats.today) draw->AddRect(a, b, ToU32(p.text), 3.0f * look.scale, 0, 2.0f * look.scale);
    if (ImGui::IsMouseHoveringRect(a, b)) ImGui::SetTooltip("%s", DayTooltip(day).c_str());
  }
  const float width = label_w + static_cast<float>(core::kCalendarWeeks) * (cell + gap);
  const float height = font + gap + 7.0f * (cell + gap);
  ImGui::Dummy(ImVec2(width, height));
  // The legend: less ... more.
  const ImVec2 legend = ImGui::GetCursorScreenPos();
  draw->AddText(look.fonts.body, font, ImVec2(legend.x + label_w, legend.y), ToU32(p.muted), "Less");
  const float start = legend.x + label_w + 40.0f * look.scale;
  for (int level = 0; level <= 4; ++level) {
    const ImVec2 a(start + static_cast<float>(level) * (cell * 0.7f + gap), legend.y + 1.0f);
    draw->AddRectFilled(a, ImVec2(a.x + cell * 0.7f, a.y + cell * 0.7f), HeatColour(look, level), 2.0f);
  }
  draw->AddText(look.fonts.body, font, ImVec2(start + 5.0f * (cell * 0.7f + gap) + gap, legend.y),
                ToU32(p.muted), "More");
  ImGui::Dummy(ImVec2(width, cell));
}

// Minutes per day for the last 28 days, with the highest value marked and the first and last dates below.
void DrawBarChart(const HistoryStats& stats, const Look& look, float width) {
  const Palette& p = look.palette;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float font = look.fonts.body->FontSize * 0.8f;
  const float height = 150.0f * look.scale;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float axis_w = 48.0f * look.scale;
  const float chart_w = std::max(width - axis_w, 100.0f * look.scale);
  const ImVec2 base(origin.x + axis_w, origin.y + height);
  std::int64_t max_minutes = 0;
  for (const DayTotal& day : stats.last_days)
    max_minutes = std::max<std::int64_t>(max_minutes, day.practised.count() / 60'000'000);
  // The scale's top: a round number of minutes at or above the highest day (at least 10).
  std::int64_t top = 10;
  while (top < max_minutes) top += top < 60 ? 10 : 30;
  draw->AddLine(ImVec2(base.x, base.y), ImVec2(base.x + chart_w, base.y), ToU32(p.guide), 1.0f);
  draw->AddLine(ImVec2(base.x, origin.y), ImVec2(base.x + chart_w, origin.y), ToU32(p.guide, 0.4f), 1.0f);
  draw->AddText(look.fonts.body, font, ImVec2(origin.x, origin.y - font * 0.5f), ToU32(p.muted),
                fmt::format("{} min", top).c_str());
  draw->AddText(look.fonts.body, font, ImVec2(origin.x, base.y - font * 0.5f), ToU32(p.muted), "0");
  const std::size_t n = stats.last_days.size();
  if (n > 0) {
    const float slot = chart_w / static_cast<float>(n);
    for (std::size_t i = 0; i < n; ++i) {
      const DayTotal& day = stats.last_days[i];
      const double minutes = static_cast<double>(day.practised.count()) / 60e6;
      const float h = static_cast<float>(std::min(1.0, minutes / static_cast<double>(top))) * height;
      const ImVec2 a(base.x + static_cast<float>(i) * slot + slot * 0.15f,
                     base.y - std::max(h, minutes > 0 ? 2.0f : 0.0f));
      const ImVec2 b(base.x + static_cast<float>(i + 1) * slot - slot * 0.15f, base.y);
      if (b.y > a.y)
        draw->AddRectFilled(a, b, ToU32(day.day == stats.today ? p.accent : p.accent_soft), 2.0f);
      if (ImGui::IsMouseHoveringRect(ImVec2(a.x, origin.y), b))
        ImGui::SetTooltip("%s", DayTooltip(day).c_str());
    }
    draw->AddText(look.fonts.body, font, ImVec2(base.x, base.y + 4.0f), ToU32(p.muted),
                  core::FormatDate(stats.last_days.front().day).c_str());
    const std::string last = "Today";
    const float last_w = look.fonts.body->CalcTextSizeA(font, 1e9f, 0.0f, last.c_str()).x;
    draw->AddText(look.fonts.body, font, ImVec2(base.x + chart_w - last_w, base.y + 4.0f), ToU32(p.muted),
                  last.c_str());
  }
  ImGui::Dummy(ImVec2(width, height + font + 8.0f * look.scale));
}

void DrawRecent(const HistoryView& view, const Look& look, HistoryActions* actions) {
  if (view.recent.empty()) {
    ImGui::TextColored(look.palette.muted, "No practices yet. Sessions you play appear here.");
    return;
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##recent", 5, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("Session", ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn("Practised", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  for (const HistoryRow& row : view.recent) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.when.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(VisualOrder(row.title).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.length.c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(row.completed && row.counted ? look.palette.text : look.palette.muted, "%s",
                       row.state.c_str());
    ImGui::TableNextColumn();
    if (row.deletable) {
      ImGui::PushID(static_cast<int>(row.id));
      if (ImGui::SmallButton("Delete")) actions->delete_row = row.id;
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

// The question before a row is deleted, over the screen: "Delete" or "Keep" (Esc, in the key map, keeps it).
void DrawDeleteQuestion(const HistoryView& view, const Look& look, HistoryActions* actions) {
  const auto row = std::find_if(view.recent.begin(), view.recent.end(),
                                [&](const HistoryRow& r) { return r.id == view.confirm_delete; });
  if (row == view.recent.end()) return;
  ImGui::OpenPopup("Delete this practice?");
  const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Delete this practice?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted(fmt::format("{}, {}", VisualOrder(row->title), row->when).c_str());
  ImGui::TextUnformatted(row->length.c_str());
  ImGui::TextColored(look.palette.muted, "It leaves your history and totals. This cannot be undone.");
  ImGui::Spacing();
  if (ImGui::Button("Delete")) actions->confirm_delete = true;
  ImGui::SameLine();
  if (ImGui::Button("Keep")) actions->cancel_delete = true;
  if (actions->confirm_delete || actions->cancel_delete) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

std::string Plural(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

const char* StateLabel(core::PracticeState state) {
  switch (state) {
    case core::PracticeState::kPlaying:
      return "Playing";
    case core::PracticeState::kCompleted:
      return "Completed";
    case core::PracticeState::kStopped:
      return "Stopped early";
    case core::PracticeState::kInterrupted:
      return "Interrupted";
  }
  return "";
}

HistoryView MakeHistoryView(const std::vector<core::Practice>& practices, const std::string& now_local,
                            const core::StreakSettings& settings, int recent_count) {
  HistoryView view;
  view.stats = core::ComputeStats(practices, now_local, settings);
  std::vector<const core::Practice*> order;
  for (const core::Practice& p : practices) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(), [](const core::Practice* x, const core::Practice* y) {
    return x->start_utc_us != y->start_utc_us ? x->start_utc_us > y->start_utc_us : x->id > y->id;
  });
  for (const core::Practice* p : order) {
    if (static_cast<int>(view.recent.size()) >= recent_count) break;
    HistoryRow row;
    row.when = p->start_local.substr(0, 16);
    if (row.when.size() == 16) row.when[10] = ' ';
    row.title = p->title;
    row.id = p->id;
    row.length = core::FormatLength(p->actual) + " of " + core::FormatLength(p->planned);
    if (p->skipped >= std::chrono::seconds(1))
      row.length += ", " + core::FormatLength(p->skipped) + " skipped";
    row.counted = core::Counts(*p, settings);
    row.state = std::string(StateLabel(p->state)) + (row.counted ? "" : ", not counted");
    row.completed = p->state == core::PracticeState::kCompleted;
    row.deletable = p->state != core::PracticeState::kPlaying;
    view.recent.push_back(std::move(row));
  }
  return view;
}

HistoryActions DrawHistory(const HistoryView& view, const Look& look) {
  HistoryActions actions;
  BeginScreen("##history");
  if (ImGui::Button("Back")) actions.back = true;
  ImGui::SameLine();
  ImGui::PushFont(look.fonts.heading);
  ImGui::TextUnformatted("Your practice");
  ImGui::PopFont();
  if (view.available) {
    const char* label = "Export CSV";
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(label).x -
                    2.0f * ImGui::GetStyle().FramePadding.x);
    if (ImGui::Button(label)) actions.export_csv = true;
  }
  if (!view.notice.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(view.available ? look.palette.warning : look.palette.error, "%s", view.notice.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::SmallButton("Dismiss")) actions.dismiss_notice = true;
  }
  if (!view.available) {
    ImGui::End();
    return actions;
  }
  const HistoryStats& s = view.stats;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float card_w = std::max((avail - 4.0f * gap) / 5.0f, 60.0f);
  DrawStatCard(look, "Today", core::FormatMinutes(s.today_total.practised),
               Plural(s.today_total.sessions, "session", "sessions"), card_w);
  ImGui::SameLine();
  DrawStatCard(look, "This week", core::FormatMinutes(s.week_practised),
               Plural(s.week_sessions, "session", "sessions"), card_w);
  ImGui::SameLine();
  DrawStatCard(look, "Current streak", Plural(s.current_streak, "day", "days"),
               s.current_streak > 0 && !s.today_total.counts ? "practise today to keep it" : "", card_w);
  ImGui::SameLine();
  DrawStatCard(look, "Longest streak", Plural(s.longest_streak, "day", "days"), "", card_w);
  ImGui::SameLine();
  DrawStatCard(look, "In all", core::FormatMinutes(s.total_practised),
               Plural(s.total_sessions, "session", "sessions"), card_w);
  ImGui::Spacing();

  ImGui::BeginGroup();
  ImGui::TextColored(look.palette.muted, "Last 12 weeks");
  DrawCalendar(s, look);
  ImGui::EndGroup();
  ImGui::SameLine(0.0f, 3.0f * gap);
  ImGui::BeginGroup();
  ImGui::TextColored(look.palette.muted, "Minutes per day, last 4 weeks");
  DrawBarChart(s, look, ImGui::GetContentRegionAvail().x);
  ImGui::EndGroup();
  ImGui::Spacing();
  ImGui::TextColored(look.palette.muted, "Recent practices");
  DrawRecent(view, look, &actions);
  if (view.confirm_delete != 0) DrawDeleteQuestion(view, look, &actions);
  ImGui::End();
  return actions;
}

}  // namespace attune::ui
