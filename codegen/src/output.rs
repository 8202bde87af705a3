//! Writing generated or imported files: compare with what is on disk (`--check`), or replace
//! the managed files all at once. Every output is computed before anything is written, so a
//! failing run leaves the tree as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One file to write, its path relative to the managed folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the managed folder.
    pub path: PathBuf,
    /// The exact contents.
    pub contents: String,
}

/// How a file on disk differs from the expected output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// Expected but absent.
    Missing(PathBuf),
    /// Present with other contents.
    Different(PathBuf),
    /// Present, managed, but no longer produced.
    Extra(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "missing:  {}", p.display()),
            Stale::Different(p) => write!(f, "stale:    {}", p.display()),
            Stale::Extra(p) => write!(f, "obsolete: {}", p.display()),
        }
    }
}

/// A folder whose files are entirely produced by one command.
pub struct Managed<'a> {
    /// The folder.
    pub root: &'a Path,
    /// Which existing files under `root` belong to the command (others are left alone).
    pub owns: &'a dyn Fn(&Path, &str) -> bool,
}

impl Managed<'_> {
    /// Files under the folder that differ from `files`; empty when up to date.
    pub fn check(&self, files: &[OutputFile]) -> io::Result<Vec<Stale>> {
        let mut stale = Vec::new();
        for file in files {
            let path = self.root.join(&file.path);
            match fs::read(&path) {
                Ok(bytes) if bytes == file.contents.as_bytes() => {}
                Ok(_) => stale.push(Stale::Different(path)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => stale.push(Stale::Missing(path)),
                Err(e) => return Err(e),
            }
        }
        for existing in self.owned_files()? {
            if !files.iter().any(|f| self.root.join(&f.path) == existing) {
                stale.push(Stale::Extra(existing));
            }
        }
        Ok(stale)
    }

    /// Writes `files` and removes owned files no longer produced, in two phases: every new
    /// content is first written to a temporary file beside its target; only when all of them
    /// are written are they renamed into place (and obsolete files removed). A failure in the
    /// first phase removes the temporaries and leaves the folder as it was. Unchanged files are
    /// not touched.
    pub fn write(&self, files: &[OutputFile]) -> io::Result<Vec<Stale>> {
        let changes = self.check(files)?;
        let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
        let staging = changes.iter().try_for_each(|change| {
            if let Stale::Missing(path) | Stale::Different(path) = change {
                let relative = path.strip_prefix(self.root).unwrap_or(path);
                let contents = files
                    .iter()
                    .find(|f| f.path == relative)
                    .map_or("", |f| f.contents.as_str());
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                let tmp = path.with_extension("tmp~");
                fs::write(&tmp, contents)?;
                staged.push((tmp, path.clone()));
            }
            Ok::<(), io::Error>(())
        });
        if let Err(e) = staging {
            for (tmp, _) in &staged {
                let _ = fs::remove_file(tmp);
            }
            return Err(e);
        }
        for (tmp, path) in &staged {
            fs::rename(tmp, path)?;
        }
        for change in &changes {
            if let Stale::Extra(path) = change {
                fs::remove_file(path)?;
            }
        }
        Ok(changes)
    }

    fn owned_files(&self) -> io::Result<Vec<PathBuf>> {
        let mut found = Vec::new();
        let mut pending = vec![self.root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            for entry in entries {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let contents = fs::read_to_string(&path).unwrap_or_default();
                    if (self.owns)(&path, &contents) {
                        found.push(path);
                    }
                }
            }
        }
        found.sort();
        Ok(found)
    }
}
