; Inno Setup script for Khiu (คิว): installs the one-folder bundle made by
; installer/khiu.spec (dist\khiu\) with Start-menu entries and optional auto-start of the
; ticket kiosk and the hall display. Build (on Windows, see README "Windows installer"):
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller installer\khiu.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\khiu.iss
; Output: dist\khiu-setup-<version>.exe

#define AppName "Khiu"
#define AppVersion "0.1.0"
#define Bundle "..\dist\khiu"

[Setup]
AppId={{6C1F6E9B-3D55-4C8E-9B1A-6B2C4E1D8A13}
AppName={#AppName}
AppVerName={#AppName} {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Khiu
DefaultDirName={autopf}\Khiu
DefaultGroupName=Khiu (คิว)
OutputDir=..\dist
OutputBaseFilename=khiu-setup-{#AppVersion}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; KHIU_DB is set for every user: the apps and `khiu` all find the one database.
ChangesEnvironment=yes
UninstallDisplayIcon={app}\khiu-display.exe

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "kioskstart"; Description: "Start the ticket kiosk (khiu-kiosk) when Windows starts, and restart it if it stops"; GroupDescription: "Start at Windows start-up (hall PCs):"; Flags: unchecked
Name: "displaystart"; Description: "Start the hall display (khiu-display) when Windows starts, and restart it if it stops"; GroupDescription: "Start at Windows start-up (hall PCs):"; Flags: unchecked
Name: "demo"; Description: "Create a demo database (the demo site and officers; replace it with your site file later)"; GroupDescription: "Database:"; Flags: unchecked

[Dirs]
; The shared database lives in ProgramData; every user of this PC may write it.
Name: "{commonappdata}\Khiu"; Permissions: users-modify

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "khiu-keepalive.cmd"; DestDir: "{app}"; Flags: ignoreversion

[Registry]
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; ValueType: expandsz; ValueName: "KHIU_DB"; ValueData: "{commonappdata}\Khiu\khiu.db"; Flags: uninsdeletevalue

[Icons]
Name: "{group}\Khiu ticket kiosk (ตู้บัตรคิว)"; Filename: "{app}\khiu-kiosk.exe"; Parameters: "--db ""{commonappdata}\Khiu\khiu.db"""; WorkingDir: "{app}"
Name: "{group}\Khiu counter (ช่องบริการ)"; Filename: "{app}\khiu-counter.exe"; Parameters: "--db ""{commonappdata}\Khiu\khiu.db"""; WorkingDir: "{app}"
Name: "{group}\Khiu hall display (จอแสดงคิว)"; Filename: "{app}\khiu-display.exe"; Parameters: "--db ""{commonappdata}\Khiu\khiu.db"""; WorkingDir: "{app}"
Name: "{group}\Khiu command prompt"; Filename: "{cmd}"; Parameters: "/k ""set PATH={app};%PATH% && khiu --help"""; WorkingDir: "{commonappdata}\Khiu"
Name: "{group}\Uninstall Khiu"; Filename: "{uninstallexe}"
; Auto-start (Tasks above): a minimised loop that restarts the program 3 s after it ends.
Name: "{commonstartup}\Khiu ticket kiosk"; Filename: "{app}\khiu-keepalive.cmd"; Parameters: "khiu-kiosk.exe --db ""{commonappdata}\Khiu\khiu.db"""; WorkingDir: "{app}"; Flags: runminimized; Tasks: kioskstart
Name: "{commonstartup}\Khiu hall display"; Filename: "{app}\khiu-keepalive.cmd"; Parameters: "khiu-display.exe --db ""{commonappdata}\Khiu\khiu.db"""; WorkingDir: "{app}"; Flags: runminimized; Tasks: displaystart

[Run]
Filename: "{app}\khiu.exe"; Parameters: "--db ""{commonappdata}\Khiu\khiu.db"" init --demo"; StatusMsg: "Creating the demo database…"; Flags: runhidden; Tasks: demo; Check: not FileExists(ExpandConstant('{commonappdata}\Khiu\khiu.db'))
Filename: "{app}\khiu-display.exe"; Parameters: "--db ""{commonappdata}\Khiu\khiu.db"" --windowed"; Description: "Open the hall display now"; Flags: postinstall nowait skipifsilent unchecked; Tasks: demo
